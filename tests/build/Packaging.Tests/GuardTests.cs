using System.IO.Compression;

namespace Build.Packaging.Tests;

public sealed class GuardTests : IDisposable
{
    private const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory temp = new();
    private readonly GuardLimits limits = new();

    public void Dispose() => temp.Dispose();

    private string PublishRoot => temp.Combine("publish");
    private string ManifestPath => temp.Combine("lambdas", "manifest.json");

    private void Package(string name, byte[] bootstrap, UnixFileMode mode = Mode0755)
    {
        temp.Write(Path.Combine("publish", name, "bootstrap"), bootstrap, mode);
        LambdaPackager.Package(PublishRoot, temp.Combine("lambdas"), [name]);
    }

    /// <summary>A zip made by another tool, with whatever mode it chose for bootstrap.</summary>
    private string ForeignZip(int mode, byte[] bootstrap)
    {
        var path = temp.Combine("foreign.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var entry = zip.CreateEntry("bootstrap");
        entry.ExternalAttributes = DeterministicZip.ExternalAttributesFor(mode);
        using var stream = entry.Open();
        stream.Write(bootstrap);
        return path;
    }

    [Fact]
    public void A_good_package_passes()
    {
        Package("even", ElfFixture.NeedingLibc("GLIBC_2.2.5", "GLIBC_2.34"));

        Assert.Empty(Guard.CheckManifest(ManifestPath, PublishRoot, limits));
    }

    [Fact]
    public void A_binary_needing_glibc_2_38_is_rejected_naming_file_version_and_fix()
    {
        Package("odd", ElfFixture.NeedingLibc("GLIBC_2.2.5", "GLIBC_2.38"));

        var problem = Assert.Single(Guard.CheckManifest(ManifestPath, PublishRoot, limits));

        Assert.Contains("odd.zip: bootstrap needs GLIBC_2.38", problem);
        Assert.Contains("Amazon Linux 2023 (provided.al2023) has glibc 2.34", problem);
        Assert.Contains("amazonlinux:2023", problem);
    }

    [Fact]
    public void A_bootstrap_stored_without_the_executable_bit_is_rejected()
    {
        var zip = ForeignZip(0b110_100_100, ElfFixture.NeedingLibc("GLIBC_2.2.5"));

        var problem = Assert.Single(Guard.CheckZip(zip, expected: null, limits));

        Assert.Contains("foreign.zip: bootstrap has mode 0644 in the zip", problem);
        Assert.Contains("Runtime.InvalidEntrypoint", problem);
        Assert.Contains("0755", problem);
    }

    [Fact]
    public void A_zip_without_unix_modes_is_rejected_too()
    {
        var zip = ForeignZip(0, "#!/bin/sh\n"u8.ToArray());

        Assert.Contains("bootstrap has mode 0000 in the zip", Assert.Single(Guard.CheckZip(zip, expected: null, limits)));
    }

    [Fact]
    public void A_published_bootstrap_without_the_executable_bit_is_rejected_naming_chmod()
    {
        Package("even", ElfFixture.NeedingLibc("GLIBC_2.2.5"), Mode0644);

        var problem = Assert.Single(Guard.CheckManifest(ManifestPath, PublishRoot, limits));

        Assert.Contains(Path.Combine(PublishRoot, "even", "bootstrap") + " has mode 0644", problem);
        Assert.Contains("chmod 755", problem);
    }

    [Fact]
    public void A_zip_over_50_MB_is_rejected_with_the_limit_and_the_fix()
    {
        var path = temp.Combine("big.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("bootstrap", CompressionLevel.NoCompression);
            using var stream = entry.Open();
            stream.Write(new byte[(50 * 1024 * 1024) + 1]); // stored, so the zip itself is over the limit
        }

        var problem = Assert.Single(Guard.CheckZip(path, expected: null, limits));

        Assert.Contains("big.zip is 52,428,9", problem);
        Assert.Contains("over Lambda's 52,428,800-byte (50 MB) direct-upload limit", problem);
        Assert.Contains("S3", problem);
    }

    [Fact]
    public void A_zip_that_no_longer_matches_the_manifest_is_rejected()
    {
        Package("even", ElfFixture.NeedingLibc("GLIBC_2.2.5"));
        File.AppendAllText(temp.Combine("lambdas", "even.zip"), "tampered");

        var problems = Guard.CheckManifest(ManifestPath, PublishRoot, limits);

        Assert.Contains(problems, problem => problem.Contains("does not match its manifest entry", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zip_without_bootstrap_is_rejected()
    {
        var path = temp.Combine("empty.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("handler.dll");
        }

        Assert.Contains("has no `bootstrap` at its root", Assert.Single(Guard.CheckZip(path, expected: null, limits)));
    }

    [Fact]
    public void A_missing_manifest_says_how_to_make_one()
    {
        var error = Assert.Throws<PackagingException>(() => Guard.CheckManifest(ManifestPath, PublishRoot, limits));

        Assert.Contains("manifest.json does not exist; run `make package`", error.Message);
    }
}
