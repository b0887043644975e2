using System.Net;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.Protocol;

/// <summary>DNS rebinding and cross-origin pages: only the server's own names and origin are served.</summary>
public sealed class HostFilterTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly HttpClient Client = new();

    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example")]
    public async Task A_foreign_host_is_refused_naming_the_setting(string host)
    {
        var port = new Uri(fixture.Endpoint).Port;

        foreach (var request in Requests())
        {
            request.Headers.Host = $"{host}:{port}";
            using var response = await Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Contains($"'{host}'", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("ALLOWED_HOSTS", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("[::1]")]
    [InlineData("sync-localhost")]
    [InlineData("sync-127.0.0.1")]
    public async Task The_names_the_server_is_reached_by_are_served(string host)
    {
        using var request = ListStateMachines();
        request.Headers.Host = $"{host}:{new Uri(fixture.Endpoint).Port}";

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")] // another local port is another origin
    public async Task A_cross_origin_browser_request_is_refused(string origin)
    {
        foreach (var request in Requests())
        {
            request.Headers.Add("Origin", origin);
            using var response = await Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Cross-origin", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_consoles_own_origin_is_served()
    {
        using var request = ListStateMachines();
        request.Headers.Add("Origin", fixture.Endpoint);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Extra_names_are_served_once_listed_in_ALLOWED_HOSTS()
    {
        await using var server = await ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["ALLOWED_HOSTS"] = "devbox.example.com, 10.1.2.3" });
        var port = new Uri(server.Endpoint).Port;

        foreach (var (host, expected) in new[] { ("devbox.example.com", HttpStatusCode.OK), ("sync-devbox.example.com", HttpStatusCode.OK), ("10.1.2.3", HttpStatusCode.OK), ("other.example.com", HttpStatusCode.MisdirectedRequest) })
        {
            using var request = ListStateMachines(server.Endpoint);
            request.Headers.Host = $"{host}:{port}";
            using var response = await Client.SendAsync(request);
            Assert.True(expected == response.StatusCode, $"{host}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_malformed_ALLOWED_HOSTS_stops_the_start_with_the_fix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["ALLOWED_HOSTS"] = "http://devbox:8083" }));

        Assert.Contains("ALLOWED_HOSTS lists 'http://devbox:8083', which is not a host name", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    // The API (Step Functions and the Logs reads), the live stream and the console's pages.
    private IEnumerable<HttpRequestMessage> Requests()
    {
        yield return ListStateMachines();
        var logs = new HttpRequestMessage(HttpMethod.Post, fixture.Endpoint + "/") { Content = new StringContent("{}") };
        logs.Headers.Add("X-Amz-Target", "Logs_20140328.DescribeLogGroups");
        yield return logs;
        yield return new HttpRequestMessage(HttpMethod.Get, fixture.Endpoint + "/_local/executions/stream?executionArn=" + Uri.EscapeDataString($"arn:aws:states:us-east-1:{ServerFixture.Account}:execution:m:e"));
        yield return new HttpRequestMessage(HttpMethod.Get, fixture.Endpoint + "/");
    }

    private HttpRequestMessage ListStateMachines(string? endpoint = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, (endpoint ?? fixture.Endpoint) + "/") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        return request;
    }
}
