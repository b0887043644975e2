using System.IO.Compression;

namespace Build.Packaging;

/// <summary>
/// Writes a zip whose bytes depend only on the files' names and contents: entries in ordinal order,
/// one fixed timestamp, explicit unix modes, one compression level. That is what keeps
/// Terraform's <c>source_code_hash</c> stable when nothing changed (same idea as hashicorp/archive).
/// </summary>
public static class DeterministicZip
{
    /// <summary>The earliest time a zip (DOS) timestamp can hold; used for every entry.</summary>
    public static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const int ExecutableMode = 0b111_101_101; // 0755
    public const int RegularMode = 0b110_100_100;    // 0644

    // Upper 16 bits of the external attributes hold st_mode on zips "made by" unix; S_IFREG marks a file.
    private const int RegularFileType = 0b1000 << 12; // 0100000

    /// <summary>Zips every file under <paramref name="sourceDirectory"/>; <c>bootstrap</c> at the root is 0755.</summary>
    public static byte[] Create(string sourceDirectory)
    {
        var files = Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories)
            .Select(path => (Name: Path.GetRelativePath(sourceDirectory, path).Replace('\\', '/'), Path: path))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ToList();

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, path) in files)
            {
                // Deflate's slowest level: ~4% smaller than Optimal on a Native AOT bootstrap, for ~0.2 s per zip.
                var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
                entry.LastWriteTime = FixedTimestamp;
                entry.ExternalAttributes = ExternalAttributesFor(ModeFor(name));
                using var source = File.OpenRead(path);
                using var target = entry.Open();
                source.CopyTo(target);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The mode a packaged file gets: only the runtime entry point is executable.</summary>
    public static int ModeFor(string entryName) =>
        entryName == LambdaPackager.EntryPoint ? ExecutableMode : RegularMode;

    public static int ExternalAttributesFor(int mode) => (RegularFileType | mode) << 16;

    /// <summary>The permission bits (e.g. 0755) stored in an entry's external attributes.</summary>
    public static int ModeOf(ZipArchiveEntry entry) => (entry.ExternalAttributes >> 16) & 0b111_111_111;
}
