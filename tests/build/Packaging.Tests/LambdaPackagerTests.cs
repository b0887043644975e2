using System.Security.Cryptography;

namespace Build.Packaging.Tests;

public sealed class LambdaPackagerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string PublishRoot => temp.Combine("publish");
    private string Output => temp.Combine("lambdas");

    private void Publish(string name, string content) =>
        temp.Write(Path.Combine("publish", name, "bootstrap"), System.Text.Encoding.UTF8.GetBytes(content));

    [Fact]
    public void Manifest_lists_each_zip_with_its_real_size_and_base64_sha256()
    {
        Publish("even", "even binary");
        Publish("number-generator", "generator binary");

        LambdaPackager.Package(PublishRoot, Output, ["number-generator", "even"]);

        var manifest = Manifest.Read(Path.Combine(Output, "manifest.json"));
        Assert.Equal(["even", "number-generator"], manifest.Keys);
        foreach (var (name, entry) in manifest)
        {
            var zip = File.ReadAllBytes(Path.Combine(Output, entry.Zip));
            Assert.Equal(name + ".zip", entry.Zip);
            Assert.Equal(zip.Length, entry.Size);
            Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), entry.Sha256);
        }
    }

    [Fact]
    public void Manifest_has_the_contract_shape()
    {
        Publish("odd", "odd binary");

        var result = Assert.Single(LambdaPackager.Package(PublishRoot, Output, ["odd"]));

        var expected = $$"""
            {
              "format": 1,
              "functions": {
                "odd": {
                  "zip": "odd.zip",
                  "size": {{result.Entry.Size}},
                  "sha256": "{{result.Entry.Sha256}}"
                }
              }
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(Output, "manifest.json")));
    }

    [Fact]
    public void Base64_hashes_are_written_literally_and_read_back()
    {
        var entries = new Dictionary<string, ManifestEntry> { ["even"] = new("even.zip", 1, "ab+/cd==") };
        var path = temp.Write("manifest.json", Manifest.Serialize(entries));

        Assert.Contains("\"sha256\": \"ab+/cd==\"", File.ReadAllText(path));
        Assert.Equal(entries["even"], Manifest.Read(path)["even"]);
    }

    [Fact]
    public void Packaging_twice_gives_identical_zips_and_leaves_unchanged_files_untouched()
    {
        Publish("even", "even binary");
        var first = LambdaPackager.Package(PublishRoot, Output, ["even"]).Single();
        var bytes = File.ReadAllBytes(first.ZipPath);
        var earlier = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first.ZipPath, earlier);
        File.SetLastWriteTimeUtc(Path.Combine(PublishRoot, "even", "bootstrap"), DateTime.UtcNow.AddHours(1));

        var second = LambdaPackager.Package(PublishRoot, Output, ["even"]).Single();

        Assert.True(first.Written);
        Assert.False(second.Written);
        Assert.Equal(bytes, File.ReadAllBytes(second.ZipPath));
        Assert.Equal(earlier, File.GetLastWriteTimeUtc(second.ZipPath));
    }

    [Fact]
    public void A_changed_binary_rewrites_the_zip_and_its_hash()
    {
        Publish("even", "even binary");
        var first = LambdaPackager.Package(PublishRoot, Output, ["even"]).Single();
        Publish("even", "even binary, version 2");

        var second = LambdaPackager.Package(PublishRoot, Output, ["even"]).Single();

        Assert.True(second.Written);
        Assert.NotEqual(first.Entry.Sha256, second.Entry.Sha256);
        Assert.Equal(second.Entry.Sha256, Manifest.Read(Path.Combine(Output, "manifest.json"))["even"].Sha256);
    }

    [Fact]
    public void A_function_that_was_not_published_is_named_with_the_fix()
    {
        var error = Assert.Throws<PackagingException>(() => LambdaPackager.Package(PublishRoot, Output, ["odd"]));

        Assert.Contains(Path.Combine(PublishRoot, "odd", "bootstrap"), error.Message);
        Assert.Contains("make package", error.Message);
        Assert.False(Directory.Exists(Output));
    }

    [Theory]
    [InlineData("Even")]
    [InlineData("../odd")]
    [InlineData("-odd")]
    public void Bad_package_names_are_refused(string name)
    {
        var error = Assert.Throws<PackagingException>(() => LambdaPackager.Package(PublishRoot, Output, [name]));

        Assert.Contains($"'{name}' is not a valid package name", error.Message);
    }
}
