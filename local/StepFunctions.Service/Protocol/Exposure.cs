using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace StepFunctions.Service.Protocol;

/// <summary>
/// Who may reach the server: the names it answers to (the <c>Host</c> header; anything else is a DNS-rebinding
/// page or a mistake) and, when it listens beyond loopback, the access token every request must carry. The
/// settings are <c>HOST</c>, <c>ALLOWED_HOSTS</c> and <c>SFN_TOKEN</c> (or <c>--host</c>, <c>--allowed-hosts</c>,
/// <c>--token</c>).
/// </summary>
public sealed partial class Exposure
{
    // The names a loopback server is reached by; AWS SDKs send TestState to the same names with "sync-" in front.
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];
    private const string SyncPrefix = "sync-";

    private readonly HashSet<string> hosts;

    private Exposure(HashSet<string> hosts, string? token, IPAddress address)
    {
        this.hosts = hosts;
        Token = token;
        Address = address;
    }

    /// <summary>The address listened on.</summary>
    public IPAddress Address { get; }

    /// <summary>The token every request must carry; null on a loopback address (nothing else can connect).</summary>
    public string? Token { get; }

    public bool Exposed => Token is not null;

    /// <summary>The host names (without port) requests may name, for the start-up message.</summary>
    public IEnumerable<string> Hosts => hosts.Where(host => !host.StartsWith(SyncPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <param name="extraHosts">Comma-separated names the server is also reached by (ALLOWED_HOSTS), e.g. the machine's DNS name.</param>
    /// <param name="token">The access token when exposed (SFN_TOKEN); null draws one.</param>
    public static Exposure Create(IPAddress address, string? extraHosts, string? token)
    {
        var names = new List<string>(LoopbackNames);
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            names.Add(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
        }
        foreach (var name in (extraHosts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!HostName().IsMatch(name))
            {
                throw new ExposureException($"--allowed-hosts/ALLOWED_HOSTS lists '{name}', which is not a host name or address: give names without scheme or port, separated by commas (e.g. ALLOWED_HOSTS=devbox.example.com,192.168.1.20).");
            }
            names.Add(name);
        }
        var allowed = new HashSet<string>(names.Concat(names.Select(name => SyncPrefix + name)), StringComparer.OrdinalIgnoreCase);

        if (IPAddress.IsLoopback(address))
        {
            return new Exposure(allowed, null, address);
        }
        if (token is not null && !TokenShape().IsMatch(token))
        {
            throw new ExposureException("--token/SFN_TOKEN must be 16 to 128 letters and digits (it is sent as an AWS access key id); leave it unset to have one made at start.");
        }
        return new Exposure(allowed, token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(20)), address);
    }

    /// <summary>Whether a request's host (<see cref="Microsoft.AspNetCore.Http.HostString.Host"/>, no port) is one of ours.</summary>
    public bool Answers(string host) => hosts.Contains(host);

    /// <summary>Compares in constant time, so the answer's timing tells nothing about the token.</summary>
    public bool IsToken(ReadOnlySpan<char> candidate) =>
        Token is { } token && candidate.Length == token.Length &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(candidate.ToArray()), System.Text.Encoding.UTF8.GetBytes(token));

    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$|^\[[0-9A-Fa-f:.]+\]$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[A-Za-z0-9]{16,128}$")]
    private static partial Regex TokenShape();
}

/// <summary>A HOST / ALLOWED_HOSTS / SFN_TOKEN setting the server cannot start with; the message names the fix.</summary>
public sealed class ExposureException(string message) : Exception(message);
