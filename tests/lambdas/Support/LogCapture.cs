using System.Text;

namespace Lambdas.Tests.Support;

/// <summary>A write-only stream that keeps what the runtime logs, readable as lines from the test thread.</summary>
public sealed class LogCapture : Stream
{
    private readonly Lock gate = new();
    private readonly MemoryStream captured = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return Encoding.UTF8.GetString(captured.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (gate)
        {
            captured.Write(buffer, offset, count);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (gate)
        {
            captured.Write(buffer);
        }
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
