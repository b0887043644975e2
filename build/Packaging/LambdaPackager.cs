using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Build.Packaging;

/// <summary>What packaging one function produced; <see cref="Written"/> is false when the zip on disk already had these bytes.</summary>
public sealed record PackageResult(string Name, string ZipPath, ManifestEntry Entry, bool Written);

/// <summary>Zips each function's publish folder into &lt;output&gt;/&lt;name&gt;.zip and writes the manifest next to them.</summary>
public static partial class LambdaPackager
{
    /// <summary>The file the provided.al2023 runtime starts.</summary>
    public const string EntryPoint = "bootstrap";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex PackageName();

    public static IReadOnlyList<PackageResult> Package(string publishRoot, string outputDirectory, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            throw new PackagingException("package: no function names given; pass them after the options, e.g. `package ... even odd`.");
        }

        foreach (var name in names)
        {
            if (!PackageName().IsMatch(name))
            {
                throw new PackagingException($"package: '{name}' is not a valid package name; use lower-case letters, digits and '-' (e.g. number-generator).");
            }

            var bootstrap = Path.Combine(publishRoot, name, EntryPoint);
            if (!File.Exists(bootstrap))
            {
                throw new PackagingException($"package: {bootstrap} does not exist; publish the function first (`make package` runs publish).");
            }
        }

        Directory.CreateDirectory(outputDirectory);
        var results = new List<PackageResult>();
        foreach (var name in names)
        {
            var bytes = DeterministicZip.Create(Path.Combine(publishRoot, name));
            var zipName = name + ".zip";
            var zipPath = Path.Combine(outputDirectory, zipName);
            var written = WriteIfChanged(zipPath, bytes);
            results.Add(new PackageResult(name, zipPath, new ManifestEntry(zipName, bytes.Length, Sha256Base64(bytes)), written));
        }

        var manifest = results.ToDictionary(result => result.Name, result => result.Entry, StringComparer.Ordinal);
        WriteIfChanged(Path.Combine(outputDirectory, Manifest.FileName), Manifest.Serialize(manifest));
        return results;
    }

    /// <summary>Base64 SHA-256, the form Terraform's <c>filebase64sha256</c> and <c>source_code_hash</c> use.</summary>
    public static string Sha256Base64(byte[] bytes) => Convert.ToBase64String(SHA256.HashData(bytes));

    /// <summary>
    /// Leaves an identical file alone so its timestamp, and every incremental step after it, stays put;
    /// otherwise replaces it atomically so a crash never leaves a half-written zip that looks finished.
    /// </summary>
    private static bool WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
