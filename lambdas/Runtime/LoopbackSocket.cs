using System.Net;
using System.Runtime.InteropServices;

namespace Lambdas.Runtime;

/// <summary>
/// A blocking TCP connection through libc's socket calls. Why not System.Net.Sockets.Socket: its first
/// construction starts the socket engine (an epoll thread, and the caller spins in Thread.Yield until that thread
/// runs), about 1 ms of the AOT cold start on two busy cores, for a client that never does asynchronous I/O.
/// </summary>
internal sealed unsafe partial class LoopbackSocket : IDisposable
{
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int MsgNoSignal = 0x4000;
    private const int ShutRdWr = 2;
    private const int EIntr = 4;

    private int descriptor;

    private LoopbackSocket(int descriptor) => this.descriptor = descriptor;

    /// <exception cref="IOException">The connection could not be made; the message has the system's reason.</exception>
    public static LoopbackSocket Connect(IPAddress address, int port)
    {
        // sockaddr_in (16 bytes) or sockaddr_in6 (28 bytes): family, port in network order, then the address.
        var ipv6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        Span<byte> socketAddress = stackalloc byte[28];
        socketAddress.Clear();
        BitConverter.TryWriteBytes(socketAddress, (ushort)(ipv6 ? AfInet6 : AfInet));
        socketAddress[2] = (byte)(port >> 8);
        socketAddress[3] = (byte)port;
        if (ipv6)
        {
            address.TryWriteBytes(socketAddress[8..24], out _);
            BitConverter.TryWriteBytes(socketAddress[24..], (uint)address.ScopeId);
        }
        else
        {
            address.TryWriteBytes(socketAddress[4..8], out _);
        }

        var descriptor = Check(socket(ipv6 ? AfInet6 : AfInet, SockStream | SockCloexec, IpProtoTcp), "socket");
        var connection = new LoopbackSocket(descriptor);
        try
        {
            var on = 1;
            Check(setsockopt(descriptor, IpProtoTcp, TcpNoDelay, &on, sizeof(int)), "setsockopt TCP_NODELAY");
            fixed (byte* bytes = socketAddress)
            {
                Check(connect(descriptor, bytes, ipv6 ? 28 : 16), $"connect to {address}:{port}");
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Send(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            for (var sent = 0; sent < bytes.Length;)
            {
                var written = send(Open(), start + sent, bytes.Length - sent, MsgNoSignal);
                if (written < 0)
                {
                    Retry("send");
                    continue;
                }
                sent += (int)written;
            }
        }
    }

    /// <returns>The bytes read, 0 when the peer closed the connection (or <see cref="Shutdown"/> was called).</returns>
    public int Receive(Span<byte> into)
    {
        fixed (byte* start = into)
        {
            while (true)
            {
                var read = recv(Open(), start, into.Length, 0);
                if (read >= 0)
                {
                    return (int)read;
                }
                Retry("recv");
            }
        }
    }

    /// <summary>Wakes a thread blocked in <see cref="Receive"/> or <see cref="Send"/> (closing the descriptor would not).</summary>
    public void Shutdown() => _ = shutdown(descriptor, ShutRdWr);

    public void Dispose()
    {
        if (descriptor >= 0)
        {
            _ = close(descriptor);
            descriptor = -1;
        }
    }

    private int Open() => descriptor >= 0 ? descriptor : throw new ObjectDisposedException(nameof(LoopbackSocket));

    private static int Check(int result, string call)
    {
        if (result < 0)
        {
            throw Failure(call, Marshal.GetLastPInvokeError());
        }
        return result;
    }

    // A call interrupted by a signal is repeated; any other failure ends the connection.
    private static void Retry(string call)
    {
        var error = Marshal.GetLastPInvokeError();
        if (error != EIntr)
        {
            throw Failure(call, error);
        }
    }

    private static IOException Failure(string call, int error) => new($"{call} failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");

    // libc: linked into the Native AOT bootstrap directly (DirectPInvoke in Function.props), no dlopen at the first call.
    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsockopt(int socket, int level, int name, void* value, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int connect(int socket, byte* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint send(int socket, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recv(int socket, byte* buffer, nint length, int flags);

    [LibraryImport("libc")]
    private static partial int shutdown(int socket, int how);

    [LibraryImport("libc")]
    private static partial int close(int descriptor);
}
