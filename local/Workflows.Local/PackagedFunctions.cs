using System.IO.Compression;
using System.Security.Cryptography;
using Build.Packaging;

namespace Workflows.Local;

/// <summary>
/// The Lambda packages the Cake build made (artifacts/lambdas/manifest.json and its zips), unpacked the way
/// Lambda does before it starts <c>bootstrap</c>. A zip whose SHA-256 is not the manifest's is refused:
/// what runs locally is exactly what Terraform would upload.
/// </summary>
public sealed class PackagedFunctions
{
    private readonly Dictionary<string, string> bootstraps;
    private readonly Dictionary<string, string> versions;

    private PackagedFunctions(Dictionary<string, string> bootstraps, Dictionary<string, string> versions)
    {
        this.bootstraps = bootstraps;
        this.versions = versions;
    }

    public IReadOnlyCollection<string> Names => bootstraps.Keys;

    /// <summary>The unpacked <c>bootstrap</c> of a package, or null when the manifest has no such package.</summary>
    public string? BootstrapOf(string package) => bootstraps.GetValueOrDefault(package);

    /// <summary>The package's SHA-256 in the manifest: what tells one build of it from the next.</summary>
    public string? VersionOf(string package) => versions.GetValueOrDefault(package);

    /// <summary>Verifies every zip against the manifest and unpacks the ones that changed into <paramref name="unpackDirectory"/>.</summary>
    public static PackagedFunctions Load(string manifestPath, string unpackDirectory)
    {
        if (!File.Exists(manifestPath))
        {
            throw new RunException($"No Lambda packages at {manifestPath}: run `make package` to build them.");
        }

        var manifestDirectory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var bootstraps = new Dictionary<string, string>(StringComparer.Ordinal);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, package) in ReadManifest(manifestPath))
        {
            var zipPath = Path.Combine(manifestDirectory, package.Zip);
            if (!File.Exists(zipPath))
            {
                throw new RunException($"The manifest lists {zipPath} but it is missing: run `make package` to rebuild the packages.");
            }

            var actual = Convert.ToBase64String(SHA256.HashData(File.ReadAllBytes(zipPath)));
            if (actual != package.Sha256)
            {
                throw new RunException($"{zipPath} does not match its SHA-256 in {manifestPath}: run `make package` to rebuild the packages.");
            }

            bootstraps[name] = Unpack(zipPath, package.Sha256, Path.Combine(unpackDirectory, name));
            versions[name] = package.Sha256;
        }

        return new PackagedFunctions(bootstraps, versions);
    }

    private static IReadOnlyDictionary<string, ManifestEntry> ReadManifest(string manifestPath)
    {
        try
        {
            return Manifest.Read(manifestPath);
        }
        catch (PackagingException e)
        {
            throw new RunException(e.Message); // it names the file and the fix (make package)
        }
    }

    /// <summary>Unpacks once per zip content: a folder stamped with the zip's hash is reused as is.</summary>
    private static string Unpack(string zipPath, string sha256, string directory)
    {
        var bootstrap = Path.Combine(directory, "bootstrap");
        var stamp = Path.Combine(directory, ".sha256");
        if (File.Exists(bootstrap) && IsUnpacked(stamp, sha256))
        {
            return bootstrap;
        }

        // Unpack beside the target and swap it in, so an interrupted unpack never looks complete. The staging
        // folder is this process's own: servers and test runs starting at once unpack the same packages.
        var staging = $"{directory}.unpacking-{Environment.ProcessId}-{Guid.NewGuid():N}";
        ZipFile.ExtractToDirectory(zipPath, staging);
        if (!File.Exists(Path.Combine(staging, "bootstrap")))
        {
            Directory.Delete(staging, recursive: true);
            throw new RunException($"{zipPath} has no bootstrap at its root: run `make package` to rebuild the packages.");
        }

        File.WriteAllText(Path.Combine(staging, ".sha256"), sha256);
        try
        {
            if (Directory.Exists(directory) && !IsUnpacked(stamp, sha256))
            {
                Directory.Delete(directory, recursive: true);
            }
            Directory.Move(staging, directory);
        }
        catch (IOException) when (IsUnpacked(stamp, sha256))
        {
            // Another process swapped in the same package first: use its folder.
        }
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        return bootstrap;
    }

    private static bool IsUnpacked(string stamp, string sha256) => File.Exists(stamp) && File.ReadAllText(stamp) == sha256;
}
