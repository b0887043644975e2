using System.IO.Compression;

namespace Build.Packaging.Tests;

public sealed class DeterministicZipTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string PublishFolder(string name, bool reverseOrder = false, DateTime? timestamp = null)
    {
        var files = new (string Path, string Content)[]
        {
            ("bootstrap", "\u007fELF pretend binary"),
            ("appsettings.json", "{}"),
            ("sub/b.txt", "b"),
            ("sub/a.txt", "a"),
            ("Z.txt", "capital sorts before lower case in ordinal order"),
        };
        foreach (var (path, content) in reverseOrder ? files.Reverse() : files)
        {
            var written = temp.Write(Path.Combine(name, path), System.Text.Encoding.UTF8.GetBytes(content), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetLastWriteTimeUtc(written, timestamp ?? DateTime.UtcNow);
        }
        return temp.Combine(name);
    }

    [Fact]
    public void Packaging_the_same_folder_twice_gives_identical_bytes()
    {
        var folder = PublishFolder("publish");

        Assert.Equal(DeterministicZip.Create(folder), DeterministicZip.Create(folder));
    }

    [Fact]
    public void Bytes_do_not_depend_on_file_times_modes_or_creation_order()
    {
        var first = PublishFolder("first", timestamp: new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        var second = PublishFolder("second", reverseOrder: true, timestamp: new DateTime(2024, 12, 31, 23, 59, 58, DateTimeKind.Utc));
        File.SetUnixFileMode(Path.Combine(second, "bootstrap"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(DeterministicZip.Create(first), DeterministicZip.Create(second));
    }

    [Fact]
    public void Entries_are_sorted_ordinally_with_a_fixed_timestamp()
    {
        using var zip = new ZipArchive(new MemoryStream(DeterministicZip.Create(PublishFolder("publish"))));

        Assert.Equal(["Z.txt", "appsettings.json", "bootstrap", "sub/a.txt", "sub/b.txt"], zip.Entries.Select(entry => entry.FullName));
        Assert.All(zip.Entries, entry => Assert.Equal(new DateTime(1980, 1, 1), entry.LastWriteTime.DateTime));
    }

    [Fact]
    public void Bootstrap_is_0755_and_every_other_file_0644()
    {
        using var zip = new ZipArchive(new MemoryStream(DeterministicZip.Create(PublishFolder("publish"))));

        Assert.Equal("755", Convert.ToString(DeterministicZip.ModeOf(zip.GetEntry("bootstrap")!), 8));
        Assert.All(zip.Entries.Where(entry => entry.FullName != "bootstrap"),
            entry => Assert.Equal("644", Convert.ToString(DeterministicZip.ModeOf(entry), 8)));
    }

    [Fact]
    public void Only_a_bootstrap_at_the_root_is_executable()
    {
        Assert.Equal(DeterministicZip.ExecutableMode, DeterministicZip.ModeFor("bootstrap"));
        Assert.Equal(DeterministicZip.RegularMode, DeterministicZip.ModeFor("sub/bootstrap"));
    }

    [Fact]
    public void Contents_survive_the_round_trip()
    {
        using var zip = new ZipArchive(new MemoryStream(DeterministicZip.Create(PublishFolder("publish"))));
        using var reader = new StreamReader(zip.GetEntry("sub/a.txt")!.Open());

        Assert.Equal("a", reader.ReadToEnd());
    }
}
