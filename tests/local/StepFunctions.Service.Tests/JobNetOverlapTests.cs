using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>
/// The orchestrator's overlap rule on the server, whose executions the orchestrator describes: a run whose series
/// already has a RUNNING run is skipped (SUCCEEDED, status SKIPPED, the owner named, no job started, recorded);
/// an owner that was aborted or failed does not block the series; a redriven run whose series another run took
/// over meanwhile still succeeds; overlap allow runs beside the others.
/// The owner is kept running by its container job (first poll after 30 s at time scale 1) and stopped by the test.
/// </summary>
public sealed class JobNetOverlapTests
{
    private const string Orchestrator = $"arn:aws:states:us-east-1:{ServerFixture.Account}:stateMachine:serverless-workflows-orchestrator";

    private static string Manifest(string runId, string series, string job, string overlap = "skip") => $$"""
        {"run_id": "{{runId}}", "series": "{{series}}", "overlap": "{{overlap}}", "jobs": [{{job}}]}
        """;

    private const string SlowJob = """{"name": "wait-for-me", "workflow": "container-task", "input": {}}""";
    private const string Numbers = """{"name": "numbers", "workflow": "number-processor", "input": {"min": 1, "max": 10}}""";
    private const string FailingNumbers = """{"name": "numbers", "workflow": "number-processor", "input": {"min": 5, "max": 1}}""";

    [Fact]
    public async Task A_run_is_skipped_while_its_series_runs_and_takes_the_series_over_once_the_owner_was_aborted()
    {
        await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 1");
        var owner = await StartAsync(server, "owner", Manifest("nightly-1", "nightly", SlowJob));
        await WaitForFirstPollAsync(server, owner);

        var skipped = await StartAndWaitAsync(server, "second", Manifest("nightly-2", "nightly", Numbers));

        Assert.True(skipped["status"]!.GetValue<string>() == "SUCCEEDED", skipped.ToJsonString());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["run_id"] = "nightly-2", ["status"] = "SKIPPED", ["series"] = "nightly", ["owner"] = owner },
            JsonNode.Parse(skipped["output"]!.GetValue<string>())), skipped["output"]!.GetValue<string>());
        Assert.Equal("RUNNING", (await DescribeAsync(server, owner))["status"]!.GetValue<string>()); // it was skipped for a run that was still running
        Assert.DoesNotContain(await ChildrenAsync(server), name => name.StartsWith("nightly-2.", StringComparison.Ordinal));
        var run = Item(server, "nightly-2", "RUN")!;
        Assert.Equal(("SKIPPED", owner), (run["status"]!["S"]!.GetValue<string>(), run["series_owner_arn"]!["S"]!.GetValue<string>()));
        Assert.Null(Item(server, "nightly-2", "JOB#numbers"));

        // The owner aborted: it never released the series, and the next run takes it over and runs.
        await RawHttp.CallAsync(server.Endpoint, "StopExecution", new JsonObject { ["executionArn"] = owner });
        Assert.Equal("ABORTED", (await WaitAsync(server, owner))["status"]!.GetValue<string>());
        Assert.Equal(owner, Item(server, "series#nightly", "OWNER")!["owner_execution_arn"]!["S"]!.GetValue<string>());

        var next = await StartAndWaitAsync(server, "third", Manifest("nightly-3", "nightly", Numbers));

        Assert.True(next["status"]!.GetValue<string>() == "SUCCEEDED", next.ToJsonString());
        Assert.Equal("SUCCEEDED", JsonNode.Parse(next["output"]!.GetValue<string>())!["status"]!.GetValue<string>());
        Assert.Contains("nightly-3.numbers", await ChildrenAsync(server));
        Assert.Null(Item(server, "series#nightly", "OWNER")); // released on success
    }

    [Fact]
    public async Task A_failed_owner_does_not_block_its_series()
    {
        await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 0.001");

        var failed = await StartAndWaitAsync(server, "fails", Manifest("weekly-1", "weekly", FailingNumbers));
        Assert.Equal(("FAILED", "JobsFailed"), (failed["status"]!.GetValue<string>(), failed["error"]!.GetValue<string>()));
        Assert.Equal(failed["executionArn"]!.GetValue<string>(), Item(server, "series#weekly", "OWNER")!["owner_execution_arn"]!["S"]!.GetValue<string>()); // a failed run keeps the lock

        var next = await StartAndWaitAsync(server, "next", Manifest("weekly-2", "weekly", Numbers));

        Assert.True(next["status"]!.GetValue<string>() == "SUCCEEDED", next.ToJsonString());
        Assert.Equal("SUCCEEDED", JsonNode.Parse(next["output"]!.GetValue<string>())!["status"]!.GetValue<string>());
        Assert.Contains("weekly-2.numbers", await ChildrenAsync(server));
        Assert.Null(Item(server, "series#weekly", "OWNER"));
    }

    [Fact]
    public async Task A_redriven_run_whose_series_was_taken_over_meanwhile_succeeds_and_leaves_the_lock_alone()
    {
        await using var failing = await ServerProcess.StartAsync(arguments: "--time-scale 0.001", environment: new Dictionary<string, string> { ["ECS_FAIL_JOBS"] = "flaky" });
        var failed = await StartAndWaitAsync(failing, "fails", Manifest("daily-1", "daily", """{"name": "flaky", "workflow": "container-task", "input": {}}"""));
        Assert.Equal(("FAILED", "JobsFailed"), (failed["status"]!.GetValue<string>(), failed["error"]!.GetValue<string>()));
        var next = await StartAndWaitAsync(failing, "next", Manifest("daily-2", "daily", Numbers));
        Assert.True(next["status"]!.GetValue<string>() == "SUCCEEDED", next.ToJsonString());
        Assert.Equal(0, await failing.InterruptAsync());

        // Resumed after the fix: the redrive reruns its failed job; the lock it held is no longer its own.
        await using var fixedServer = await ServerProcess.StartAsync(failing.Database, "--time-scale 0.001");
        var arn = failed["executionArn"]!.GetValue<string>();
        await RawHttp.CallAsync(fixedServer.Endpoint, "RedriveExecution", new JsonObject { ["executionArn"] = arn });
        var redriven = await WaitAsync(fixedServer, arn);

        Assert.True(redriven["status"]!.GetValue<string>() == "SUCCEEDED", redriven.ToJsonString());
        Assert.Equal("SUCCEEDED", JsonNode.Parse(redriven["output"]!.GetValue<string>())!["status"]!.GetValue<string>());
        Assert.Null(Item(fixedServer, "series#daily", "OWNER"));
    }

    [Fact]
    public async Task With_overlap_allow_a_run_of_a_series_runs_beside_a_running_one()
    {
        await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 1");
        var first = await StartAsync(server, "first", Manifest("train-1", "train", SlowJob, overlap: "allow"));
        await WaitForFirstPollAsync(server, first);

        var second = await StartAndWaitAsync(server, "second", Manifest("train-2", "train", Numbers, overlap: "allow"));

        Assert.True(second["status"]!.GetValue<string>() == "SUCCEEDED", second.ToJsonString());
        Assert.Equal("SUCCEEDED", JsonNode.Parse(second["output"]!.GetValue<string>())!["status"]!.GetValue<string>());
        Assert.Equal("RUNNING", (await DescribeAsync(server, first))["status"]!.GetValue<string>());
        Assert.Contains("train-2.numbers", await ChildrenAsync(server));
        Assert.Null(Item(server, "series#train", "OWNER")); // allow takes no lock
        await RawHttp.CallAsync(server.Endpoint, "StopExecution", new JsonObject { ["executionArn"] = first });
    }

    private static async Task<string> StartAsync(ServerProcess server, string name, string manifest) =>
        (await RawHttp.CallAsync(server.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = Orchestrator, ["name"] = name, ["input"] = manifest }))["executionArn"]!.GetValue<string>();

    private static async Task<JsonObject> StartAndWaitAsync(ServerProcess server, string name, string manifest) =>
        await WaitAsync(server, await StartAsync(server, name, manifest));

    private static Task<JsonObject> DescribeAsync(ServerProcess server, string arn) =>
        RawHttp.CallAsync(server.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn });

    /// <summary>Until the execution ended (or 90 s passed: the caller's assertion on the status then fails).</summary>
    private static async Task<JsonObject> WaitAsync(ServerProcess server, string arn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var described = await DescribeAsync(server, arn);
            if (described["status"]!.GetValue<string>() != "RUNNING" || DateTime.UtcNow > deadline)
            {
                return described;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Until the run holds its series and waits for its container job's first poll.</summary>
    private static async Task WaitForFirstPollAsync(ServerProcess server, string arn)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(20))
        {
            var events = (await RawHttp.CallAsync(server.Endpoint, "GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 }))["events"]!.AsArray();
            if (events.Any(e => e!["type"]!.GetValue<string>() == "WaitStateEntered"))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the run should reach its container job's first poll");
        }
    }

    private static async Task<List<string>> ChildrenAsync(ServerProcess server) =>
        [.. (await RawHttp.CallAsync(server.Endpoint, "ListExecutions", new JsonObject { ["stateMachineArn"] = ServerFixture.NumberProcessor }))["executions"]!.AsArray()
            .Select(e => e!["name"]!.GetValue<string>())];

    /// <summary>An item of the runs table beside the server's database, or null.</summary>
    private static JsonObject? Item(ServerProcess server, string runId, string record)
    {
        var tables = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(server.Database)!, "dynamodb-tables.json")))!.AsObject().Single().Value!.AsObject();
        return tables.Select(i => i.Value!.AsObject()).SingleOrDefault(i => i["run_id"]!["S"]!.GetValue<string>() == runId && i["record"]!["S"]!.GetValue<string>() == record);
    }
}
