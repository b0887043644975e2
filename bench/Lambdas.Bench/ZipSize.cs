using System.IO.Compression;

namespace Lambdas.Bench;

/// <summary>The deployment package size: artifacts/lambdas/&lt;name&gt;.zip when `make package` made it, else the bootstrap zipped here.</summary>
public static class ZipSize
{
    public static (long Bytes, string Source) Measure(string name, string bootstrap)
    {
        var packaged = Path.Combine(Builds.Root, "artifacts", "lambdas", $"{name}.zip");
        if (File.Exists(packaged))
        {
            return (new FileInfo(packaged).Length, packaged);
        }
        var zip = Path.Combine(Path.GetTempPath(), $"bench-{name}-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                archive.CreateEntryFromFile(bootstrap, "bootstrap", CompressionLevel.SmallestSize);
            }
            return (new FileInfo(zip).Length, "zipped here (no artifacts/lambdas zip)");
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
