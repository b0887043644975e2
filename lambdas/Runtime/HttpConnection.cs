using System.Net;
using System.Text;

namespace Lambdas.Runtime;

/// <summary>One HTTP/1.1 response: status, headers (case-insensitive names) and body.</summary>
internal sealed record HttpResponse(int Status, Dictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A minimal blocking HTTP/1.1 client for the Runtime API: one keep-alive connection to a loopback address,
/// Content-Length or chunked bodies. Why not HttpClient: it loads a dozen assemblies and starts thread-pool,
/// timer and socket-engine threads before its first request, which was most of the bootstrap's cold start;
/// the Runtime API needs none of it (one request at a time, plain HTTP, no proxy, no redirects, no TLS). The
/// connection itself is a <see cref="LoopbackSocket"/> (see there why not System.Net.Sockets).
/// </summary>
internal sealed class HttpConnection(string hostAndPort) : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private readonly byte[] buffer = new byte[16 * 1024];
    private LoopbackSocket? openSocket;
    private int start;
    private int end;

    /// <summary>Sends one request and reads the whole response. Retries once on a connection the server had closed.</summary>
    public HttpResponse Send(string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body,
        CancellationToken cancellationToken)
    {
        var request = Encode(method, path, headers, body);
        for (var attempt = 0; ; attempt++)
        {
            var fresh = openSocket is null;
            try
            {
                var socket = openSocket ??= Connect();
                using var registration = cancellationToken.Register(static s => ((LoopbackSocket)s!).Shutdown(), socket);
                Write(socket, request, body);
                return Read(socket);
            }
            // SocketException: a host name the resolver cannot find (Dns, in Connect).
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException or IOException)
            {
                Close();
                cancellationToken.ThrowIfCancellationRequested();
                // A kept-alive connection may have been closed by the server while idle: reconnect once.
                if (fresh || attempt > 0)
                {
                    throw new RuntimeApiException($"Runtime API {method} {path} failed: {ex.Message}", ex);
                }
            }
        }
    }

    public void Dispose() => Close();

    private LoopbackSocket Connect()
    {
        var separator = hostAndPort.LastIndexOf(':');
        var host = hostAndPort[..separator];
        var port = int.Parse(hostAndPort.AsSpan(separator + 1), provider: System.Globalization.CultureInfo.InvariantCulture);
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host)[0];
        var socket = LoopbackSocket.Connect(address, port);
        start = end = 0;
        return socket;
    }

    private void Close()
    {
        openSocket?.Dispose();
        openSocket = null;
        start = end = 0;
    }

    private byte[] Encode(string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body)
    {
        var head = new StringBuilder(256).Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\nHost: ").Append(hostAndPort).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }
        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    private static void Write(LoopbackSocket socket, byte[] head, byte[]? body)
    {
        // Small bodies go in one send with the head, so a response is one packet on loopback.
        if (body is not null && body.Length <= 4096)
        {
            socket.Send([.. head, .. body]);
            return;
        }
        socket.Send(head);
        if (body is not null)
        {
            socket.Send(body);
        }
    }

    private HttpResponse Read(LoopbackSocket socket)
    {
        var headEnd = FillUntil(socket, HeaderEnd);
        var head = Encoding.ASCII.GetString(buffer, start, headEnd - start);
        start = headEnd + HeaderEnd.Length;
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = ReadChunked(socket);
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            body = ReadExactly(socket, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            body = ReadToEnd(socket);
            Close();
        }
        if (headers.TryGetValue("Connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase))
        {
            Close();
        }
        return new HttpResponse(status, headers, body);
    }

    private byte[] ReadChunked(LoopbackSocket socket)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var lineEnd = FillUntil(socket, "\r\n"u8);
            var sizeText = Encoding.ASCII.GetString(buffer, start, lineEnd - start).Split(';')[0].Trim();
            start = lineEnd + 2;
            var size = int.Parse(sizeText, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                start = FillUntil(socket, "\r\n"u8) + 2; // no trailers expected; skip the final empty line
                return body.ToArray();
            }
            body.Write(ReadExactly(socket, size));
            start = FillUntil(socket, "\r\n"u8) + 2;
        }
    }

    private byte[] ReadExactly(LoopbackSocket socket, int length)
    {
        var result = new byte[length];
        var copied = Math.Min(length, end - start);
        Array.Copy(buffer, start, result, 0, copied);
        start += copied;
        while (copied < length)
        {
            var read = socket.Receive(result.AsSpan(copied));
            if (read == 0)
            {
                throw new IOException("Connection closed in the middle of a response body.");
            }
            copied += read;
        }
        return result;
    }

    private byte[] ReadToEnd(LoopbackSocket socket)
    {
        using var body = new MemoryStream();
        body.Write(buffer, start, end - start);
        start = end;
        int read;
        while ((read = socket.Receive(buffer)) > 0)
        {
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }

    /// <summary>Reads until <paramref name="marker"/> is buffered; returns its index in the buffer.</summary>
    private int FillUntil(LoopbackSocket socket, ReadOnlySpan<byte> marker)
    {
        while (true)
        {
            var found = buffer.AsSpan(start, end - start).IndexOf(marker);
            if (found >= 0)
            {
                return start + found;
            }
            if (start > 0)
            {
                Array.Copy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length)
            {
                throw new IOException("Response head is larger than 16 KB.");
            }
            var read = socket.Receive(buffer.AsSpan(end));
            if (read == 0)
            {
                throw new IOException("Connection closed before a complete response.");
            }
            end += read;
        }
    }
}
