using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The orchestrator on the server: its number-processor jobs become executions of the server (listed,
/// with their parent in their input), its run is recorded in the tables beside the database, and a second start
/// of the same run fails RunAlreadyExists with its notice in the outbox beside the database, and a run stopped
/// while a job runs is finished by a redrive.</summary>
public sealed class OrchestratorTests
{
    private const string Orchestrator = $"arn:aws:states:us-east-1:{ServerFixture.Account}:stateMachine:serverless-workflows-orchestrator";

    private static async Task<JsonObject> StartAndWait(ServerProcess server, string name, string manifest)
    {
        var started = await RawHttp.CallAsync(server.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = Orchestrator, ["name"] = name, ["input"] = manifest });
        return await WaitAsync(server, started["executionArn"]!.GetValue<string>());
    }

    private static async Task<JsonObject> WaitAsync(ServerProcess server, string arn)
    {
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

    [Fact]
    public async Task A_run_stopped_while_a_job_runs_is_finished_by_a_redrive_with_its_variables()
    {
        // Polls every 1.5 s (30 s at 0.05): time to stop the run while it waits on its container job.
        await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 0.05");
        var manifest = """{"run_id": "stop-and-redrive", "jobs": [{"name": "numbers", "workflow": "number-processor", "input": {"min": 3, "max": 3}}, {"name": "report", "workflow": "container-task"}]}""";
        var arn = (await RawHttp.CallAsync(server.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = Orchestrator, ["name"] = "run", ["input"] = manifest }))["executionArn"]!.GetValue<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !(await History(server, arn)).Any(e => e.Type == "WaitStateEntered"); await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, "the run should reach its container job's first poll");
        }
        await RawHttp.CallAsync(server.Endpoint, "StopExecution", new JsonObject { ["executionArn"] = arn });
        Assert.Equal("ABORTED", (await WaitAsync(server, arn))["status"]!.GetValue<string>());

        await RawHttp.CallAsync(server.Endpoint, "RedriveExecution", new JsonObject { ["executionArn"] = arn });
        var redriven = await WaitAsync(server, arn);

        // The rerun states read what the skipped ones assigned ($runId, $jobs, the job's $taskArn, ...).
        Assert.True(redriven["status"]!.GetValue<string>() == "SUCCEEDED", redriven.ToJsonString());
        var jobs = JsonNode.Parse(redriven["output"]!.GetValue<string>())!["jobs"]!.AsArray();
        Assert.Equal(["numbers:SUCCEEDED", "report:SUCCEEDED"], jobs.Select(j => $"{j!["name"]}:{j["status"]}"));
        var history = await History(server, arn);
        var afterRedrive = history.SkipWhile(e => e.Type != "ExecutionRedriven").ToList();
        Assert.DoesNotContain(afterRedrive, e => e.Name is "RecordRun" or "StartContainerTask"); // done before the stop
        Assert.Contains(afterRedrive, e => e.Name == "DescribeContainerTask");
    }

    private static async Task<List<(string Type, string? Name)>> History(ServerProcess server, string arn) =>
        [.. (await RawHttp.CallAsync(server.Endpoint, "GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 }))["events"]!.AsArray()
            .Select(e => (e!["type"]!.GetValue<string>(), e.AsObject().FirstOrDefault(p => p.Key.EndsWith("EventDetails", StringComparison.Ordinal)).Value?["name"]?.GetValue<string>()))];
}
