using System.IO.Compression;

namespace Build.Packaging;

/// <summary>Limits a package must respect to run on Lambda's provided.al2023 runtime.</summary>
public sealed record GuardLimits
{
    /// <summary>Lambda's direct-upload limit for a zipped deployment package: 50 MB.</summary>
    public long MaxZipBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Amazon Linux 2023 ships glibc 2.34.</summary>
    public Version MaxGlibc { get; init; } = new(2, 34);
}

/// <summary>
/// Checks packages before they are deployed. Each problem is one sentence naming the file, what is wrong
/// and how to fix it; an empty list means the package is fine.
/// </summary>
public static class Guard
{
    // In the zip every class needs x: Lambda runs the function as a user that is not the file's owner.
    private const int EveryoneExecute = 0b001_001_001; // 0111
    // On disk the owner's x is what zip tools that copy modes carry over.
    private const int OwnerExecute = 0b001_000_000; // 0100

    /// <summary>Checks every zip a manifest lists (and, when given, the published bootstrap files on disk).</summary>
    public static IReadOnlyList<string> CheckManifest(string manifestPath, string? publishRoot, GuardLimits limits)
    {
        var problems = new List<string>();
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        foreach (var (name, entry) in Manifest.Read(manifestPath))
        {
            problems.AddRange(CheckZip(Path.Combine(folder, entry.Zip), entry, limits));
            if (publishRoot is not null)
            {
                problems.AddRange(CheckPublishedBootstrap(Path.Combine(publishRoot, name, LambdaPackager.EntryPoint)));
            }
        }
        return problems;
    }

    /// <summary>Checks one zip: size limit, agreement with its manifest entry, and its bootstrap entry.</summary>
    public static IReadOnlyList<string> CheckZip(string zipPath, ManifestEntry? expected, GuardLimits limits)
    {
        if (!File.Exists(zipPath))
        {
            return [$"{zipPath} does not exist; run `make package` to build it."];
        }

        var problems = new List<string>();
        var size = new FileInfo(zipPath).Length;
        if (size > limits.MaxZipBytes)
        {
            problems.Add($"{zipPath} is {size:N0} bytes, over Lambda's {limits.MaxZipBytes:N0}-byte (50 MB) direct-upload limit; " +
                "make the package smaller (trim, drop unneeded files) or upload it through S3 (aws_lambda_function s3_bucket/s3_key).");
            return problems; // reading a huge zip adds nothing a person needs to know first
        }

        if (expected is not null && (expected.Size != size || expected.Sha256 != LambdaPackager.Sha256Base64(File.ReadAllBytes(zipPath))))
        {
            problems.Add($"{zipPath} does not match its manifest entry (size or sha256 differ), so Terraform would deploy a hash " +
                "that is not this file; run `make package` to rebuild the zips and the manifest together.");
        }

        try
        {
            using var zip = ZipFile.OpenRead(zipPath);
            var bootstrap = zip.GetEntry(LambdaPackager.EntryPoint);
            if (bootstrap is null)
            {
                problems.Add($"{zipPath} has no `bootstrap` at its root, which the provided.al2023 runtime starts; " +
                    "publish the function with AssemblyName=bootstrap (lambdas/Function.props) and run `make package`.");
                return problems;
            }

            var mode = DeterministicZip.ModeOf(bootstrap);
            if ((mode & EveryoneExecute) != EveryoneExecute)
            {
                problems.Add($"{zipPath}: bootstrap has mode {Octal(mode)} in the zip, not executable, so Lambda fails with " +
                    "Runtime.InvalidEntrypoint (permission denied); repackage with `make package`, which stores it as 0755.");
            }

            problems.AddRange(CheckGlibc($"{zipPath}: bootstrap", ReadAll(bootstrap), limits));
        }
        catch (InvalidDataException error)
        {
            problems.Add($"{zipPath} is not a readable zip ({error.Message}); delete it and run `make package`.");
        }
        return problems;
    }

    /// <summary>The published file must be executable on disk too: tools that zip it themselves copy its mode.</summary>
    public static IReadOnlyList<string> CheckPublishedBootstrap(string path)
    {
        if (!File.Exists(path))
        {
            return [$"{path} does not exist; run `make package` to publish it."];
        }

        if (OperatingSystem.IsWindows())
        {
            return []; // no unix modes to check; the zip's stored mode (checked separately) is what Lambda sees
        }

        var mode = (int)File.GetUnixFileMode(path) & 0b111_111_111;
        return (mode & OwnerExecute) != 0
            ? []
            : [$"{path} has mode {Octal(mode)}, not executable; run `chmod 755 {path}` (or publish again with `make package`)."];
    }

    /// <summary>Fails a binary that needs a GLIBC_x.y newer than the runtime's glibc.</summary>
    public static IReadOnlyList<string> CheckGlibc(string label, byte[] binary, GuardLimits limits)
    {
        IReadOnlyList<VersionNeed> needs;
        try
        {
            needs = ElfVersionReader.ReadNeeds(binary);
        }
        catch (FormatException error)
        {
            return [$"{label} is an ELF file the guard cannot read ({error.Message}); publish it for linux-x64 again with `make package`."];
        }

        var newest = ElfVersionReader.NewestGlibc(needs);
        return newest is null || newest <= limits.MaxGlibc
            ? []
            : [$"{label} needs GLIBC_{newest} but Amazon Linux 2023 (provided.al2023) has glibc {limits.MaxGlibc}, so it would fail to start; " +
                $"build it where glibc is {limits.MaxGlibc} or older (e.g. an amazonlinux:2023 container) or drop the native dependency that needs GLIBC_{newest}."];
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string Octal(int mode) => "0" + Convert.ToString(mode, 8).PadLeft(3, '0');
}
