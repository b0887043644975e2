using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The orchestrator on the server: its number-processor jobs become executions of the server (listed,
/// with their parent in their input), its run is recorded in the tables beside the database, and a second start
/// of the same run fails RunAlreadyExists with its notice in the outbox beside the database.</summary>
public sealed class OrchestratorTests
{
    private const string Orchestrator = $"arn:aws:states:us-east-1:{ServerFixture.Account}:stateMachine:serverless-workflows-orchestrator";

    private static async Task<JsonObject> StartAndWait(ServerProcess server, string name, string manifest)
    {
        var started = await RawHttp.CallAsync(server.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = Orchestrator, ["name"] = name, ["input"] = manifest });
        var arn = started["executionArn"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var described = await RawHttp.CallAsync(server.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn });
            if (described["status"]!.GetValue<string>() != "RUNNING" || DateTime.UtcNow > deadline)
            {
                return described;
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_run_starts_its_children_as_executions_of_the_server_and_a_second_start_is_refused()
    {
        await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 0.001");
        var manifest = """{"run_id": "console-run", "jobs": [{"name": "numbers", "workflow": "number-processor", "input": {"min": 2, "max": 2}}, {"name": "report", "workflow": "container-task"}]}""";

        var first = await StartAndWait(server, "first", manifest);
        var second = await StartAndWait(server, "second", manifest);

        Assert.True(first["status"]!.GetValue<string>() == "SUCCEEDED", first.ToJsonString());
        var children = await RawHttp.CallAsync(server.Endpoint, "ListExecutions", new JsonObject { ["stateMachineArn"] = ServerFixture.NumberProcessor });
        var child = Assert.Single(children["executions"]!.AsArray())!;
        Assert.Equal(("console-run.numbers", "SUCCEEDED"), (child["name"]!.GetValue<string>(), child["status"]!.GetValue<string>()));
        var childInput = JsonNode.Parse((await RawHttp.CallAsync(server.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = child["executionArn"]!.GetValue<string>() }))["input"]!.GetValue<string>())!;
        Assert.Equal(first["executionArn"]!.GetValue<string>(), childInput["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"]!.GetValue<string>());

        Assert.Equal(("FAILED", "RunAlreadyExists"), (second["status"]!.GetValue<string>(), second["error"]!.GetValue<string>()));
        var folder = Path.GetDirectoryName(server.Database)!;
        Assert.Contains("console-run", File.ReadAllText(Path.Combine(folder, "dynamodb-tables.json")), StringComparison.Ordinal);
        var notice = JsonNode.Parse(Assert.Single(File.ReadAllLines(Path.Combine(folder, "sns-outbox.jsonl"))))!;
        Assert.Contains("execution second ended FAILED", notice["Message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
