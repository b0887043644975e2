using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.Triggers;

/// <summary>Plain HTTP <c>POST /runs</c>: the HTTP API's StartExecution integration.</summary>
public sealed class RunsRouteTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly HttpClient Client = new();

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string body)
    {
        using var response = await Client.PostAsync(fixture.Endpoint + "/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task A_manifest_starts_a_run_and_gets_start_executions_answer()
    {
        var runId = TriggerServer.RunId("api");
        var manifest = TriggerServer.Manifest(runId);

        var (status, body) = await PostAsync(manifest);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["executionArn", "startDate"], body.Select(member => member.Key).Order());
        var arn = body["executionArn"]!.GetValue<string>();
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:serverless-workflows-orchestrator:", arn, StringComparison.Ordinal);
        Assert.InRange(body["startDate"]!.GetValue<double>(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        var described = await RawHttp.CallAsync(fixture.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal(manifest, described["input"]!.GetValue<string>());
        Assert.Equal("api", described["localStartedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_start_executions_error()
    {
        var (status, body) = await PostAsync("run_id=nightly");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.EndsWith("#InvalidExecutionInput", body["__type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Invalid State Machine Execution Input", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_input_limit_or_the_payload_limit_is_refused()
    {
        var (status, body) = await PostAsync($$"""{"run_id":"big","pad":"{{new string('x', 300_000)}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.EndsWith("#ValidationException", body["__type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("262144", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var (tooLarge, answer) = await PostAsync(new string(' ', (10 * 1024 * 1024) + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Equal("Request Entity Too Large", answer["message"]!.GetValue<string>());
    }
}
