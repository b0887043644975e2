using System.Text;

namespace Lambda.Local;

/// <summary>
/// The process's stdout and stderr, appended to a file. A file rather than a pipe because a write to a file
/// is visible as soon as it returns: when the runtime posts its response, every line it logged before is
/// already readable, so each invocation gets exactly its own lines without waiting or guessing.
/// </summary>
internal sealed class LogFile(string path)
{
    private readonly Lock gate = new();
    private readonly List<string> all = [];
    private readonly MemoryStream pending = new();
    private long offset;

    public string Path { get; } = path;

    public IReadOnlyList<string> All
    {
        get
        {
            lock (gate)
            {
                return [.. all];
            }
        }
    }

    /// <summary>Complete lines written since the last call; with <paramref name="final"/>, an unterminated last line too.</summary>
    public IReadOnlyList<string> ReadNew(bool final = false)
    {
        lock (gate)
        {
            if (File.Exists(Path))
            {
                using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.Seek(offset, SeekOrigin.Begin);
                stream.CopyTo(pending);
                offset = stream.Position;
            }
            // Split on bytes, not chars, so a multi-byte character cut by a partial write is never mis-decoded.
            var bytes = pending.ToArray();
            var end = final ? bytes.Length : Array.LastIndexOf(bytes, (byte)'\n') + 1;
            var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.None).ToList();
            if (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }
            pending.SetLength(0);
            pending.Write(bytes, end, bytes.Length - end);
            all.AddRange(lines);
            return lines;
        }
    }
}
