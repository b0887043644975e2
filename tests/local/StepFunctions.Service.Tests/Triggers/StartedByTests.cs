using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.Triggers;

/// <summary>What started an execution is recorded with it and kept across a restart (the store is durable).</summary>
public sealed class StartedByTests
{
    private const string Mocked = ServerFixture.NumberProcessor + "#HappyEven";

    [Fact]
    public async Task The_cli_an_sdk_and_the_console_are_told_apart_and_remembered_after_a_restart()
    {
        string database;
        string cli, sdk, console;
        await using (var server = await ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["SFN_MOCK_CONFIG"] = Path.Combine(AppContext.BaseDirectory, "Data", "mocks.json") }))
        {
            database = server.Database;
            cli = (await AwsCli.RunAsync(server.Endpoint, "start-execution", "--state-machine-arn", Mocked)).Ok["executionArn"]!.GetValue<string>();
            sdk = (await Sdk.CallAsync(server.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = Mocked })).Ok["executionArn"]!.GetValue<string>();
            console = await StartFromThePageAsync(server.Endpoint);

            Assert.Equal("cli", await StartedByAsync(server.Endpoint, cli));
            Assert.Equal("sdk", await StartedByAsync(server.Endpoint, sdk));
            Assert.Equal("console", await StartedByAsync(server.Endpoint, console));
            server.Kill();
        }

        await using var restarted = await ServerProcess.StartAsync(database);
        Assert.Equal("cli", await StartedByAsync(restarted.Endpoint, cli));
        Assert.Equal("console", await StartedByAsync(restarted.Endpoint, console));
    }

    // What the console's page sends: a browser's POST carries the page's Origin.
    private static async Task<string> StartFromThePageAsync(string endpoint)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint + "/")
        {
            Content = new StringContent(new JsonObject { ["stateMachineArn"] = Mocked }.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.StartExecution");
        request.Headers.Add("Origin", endpoint);
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["executionArn"]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"StartExecution from the page: {body}");
    }

    private static async Task<string?> StartedByAsync(string endpoint, string arn) =>
        (await RawHttp.CallAsync(endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn }))["localStartedBy"]?.GetValue<string>();
}
