namespace Build.Packaging.Tests;

/// <summary>A scratch folder under the system temp directory, removed after the test (never inside the repository).</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("packaging-tests-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating folders) and returns its path.</summary>
    public string Write(string relativePath, byte[] content, UnixFileMode? mode = null)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        if (mode is { } unixMode)
        {
            File.SetUnixFileMode(path, unixMode);
        }
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
