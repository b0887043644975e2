using System.Net;
using System.Net.Sockets;
using Lambdas.Runtime;

namespace Lambdas.Tests.Runtime;

public sealed class LoopbackSocketTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Bytes_cross_both_ways_over_IPv4_and_IPv6(string host)
    {
        var address = IPAddress.Parse(host);
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();

        using var socket = LoopbackSocket.Connect(address, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var peer = await accepted;
        socket.Send("ping"u8);
        var received = new byte[4];
        Assert.Equal(4, await peer.ReceiveAsync(received));
        Assert.Equal("ping"u8.ToArray(), received);

        await peer.SendAsync("pong"u8.ToArray());
        var answer = new byte[16];
        Assert.Equal("pong", System.Text.Encoding.ASCII.GetString(answer, 0, socket.Receive(answer)));
        peer.Shutdown(SocketShutdown.Both);
        Assert.Equal(0, socket.Receive(answer));
    }

    [Fact]
    public void A_refused_connection_is_an_IOException_naming_the_address_and_the_reason()
    {
        // A port just released by a listener has nobody behind it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = Assert.Throws<IOException>(() => LoopbackSocket.Connect(IPAddress.Loopback, port));
        Assert.Contains($"connect to 127.0.0.1:{port} failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Shutdown_wakes_a_receive_blocked_on_a_silent_peer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();
        using var socket = LoopbackSocket.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var peer = await accepted;

        var receive = Task.Run(() => socket.Receive(new byte[16]));
        await Task.Delay(50); // let the receive block first; a receive after the shutdown returns 0 just the same
        socket.Shutdown();
        Assert.Equal(0, await receive.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
