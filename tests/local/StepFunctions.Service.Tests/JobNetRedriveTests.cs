using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>
/// Resuming a failed job net as make console does it: a run fails because ECS_FAIL_JOBS makes a container job
/// fail, the server is restarted (with or without the setting) and RedriveExecution is called. Each redrive
/// reruns exactly the failed and blocked jobs, in dependency order: the child executions are counted, so a job
/// that succeeded is never started twice.
/// </summary>
public sealed class JobNetRedriveTests
{
    private const string Orchestrator = $"arn:aws:states:us-east-1:{ServerFixture.Account}:stateMachine:serverless-workflows-orchestrator";

    // stop-app fails while ECS_FAIL_JOBS names it; numbers-b waits for it (blocked), numbers-c is independent.
    private const string Manifest = """
        {"run_id": "resume-me", "jobs": [
          {"name": "numbers-a", "workflow": "number-processor", "input": {"min": 1, "max": 10}},
          {"name": "stop-app", "workflow": "container-task", "input": {}, "depends_on": ["numbers-a"]},
          {"name": "numbers-b", "workflow": "number-processor", "input": {"min": 1, "max": 10}, "depends_on": ["stop-app"]},
          {"name": "numbers-c", "workflow": "number-processor", "input": {"min": 1, "max": 10}}
        ]}
        """;

    private static readonly Dictionary<string, string> FailStopApp = new() { ["ECS_FAIL_JOBS"] = "stop-app" };

    [Fact]
    public async Task Each_redrive_reruns_only_the_failed_and_blocked_jobs_until_the_run_succeeds()
    {
        await using var failing = await ServerProcess.StartAsync(arguments: "--time-scale 0.001", environment: FailStopApp);
        var arn = (await RawHttp.CallAsync(failing.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = Orchestrator, ["name"] = "run", ["input"] = Manifest }))["executionArn"]!.GetValue<string>();
        var first = await WaitAsync(failing, arn);
        Assert.Equal(("FAILED", "JobsFailed"), (first["status"]!.GetValue<string>(), first["error"]!.GetValue<string>()));
        Assert.Equal(["resume-me.numbers-a", "resume-me.numbers-c"], await Children(failing));

        // Redriven while the fault is still there: the same jobs fail and block again, and the run can be resumed again.
        await RawHttp.CallAsync(failing.Endpoint, "RedriveExecution", new JsonObject { ["executionArn"] = arn });
        var second = await WaitAsync(failing, arn);
        Assert.Equal(("FAILED", "JobsFailed"), (second["status"]!.GetValue<string>(), second["error"]!.GetValue<string>()));
        Assert.Equal(Message(first).Split('\n')[0], Message(second).Split('\n')[0]);
        Assert.StartsWith("Run resume-me: 1 of 4 jobs failed, 1 blocked.", Message(first), StringComparison.Ordinal);
        Assert.DoesNotContain("errorMessage", Message(first), StringComparison.Ordinal);
        Assert.Contains("stop-app (container-task) failed after 2 attempts: ContainerTaskFailed", Message(second), StringComparison.Ordinal); // attempts count over the rounds
        Assert.Equal(["resume-me.numbers-a", "resume-me.numbers-c"], await Children(failing));
        Assert.Equal(0, await failing.InterruptAsync());

        // The fault fixed (restarted without ECS_FAIL_JOBS): one more redrive finishes the run.
        await using var fixedServer = await ServerProcess.StartAsync(failing.Database, "--time-scale 0.001");
        await RawHttp.CallAsync(fixedServer.Endpoint, "RedriveExecution", new JsonObject { ["executionArn"] = arn });
        var third = await WaitAsync(fixedServer, arn);

        Assert.True(third["status"]!.GetValue<string>() == "SUCCEEDED", third.ToJsonString());
        Assert.Equal(2, third["redriveCount"]!.GetValue<int>());
        // numbers-b ran once, on the redrive that let it (its name carries the redrive count); a and c never again.
        Assert.Equal(["resume-me.numbers-a", "resume-me.numbers-b.r2", "resume-me.numbers-c"], await Children(fixedServer));
        var jobs = JsonNode.Parse(third["output"]!.GetValue<string>())!["jobs"]!.AsArray();
        Assert.All(jobs, job => Assert.Equal("SUCCEEDED", job!["status"]!.GetValue<string>()));

        // The records: stop-app tried on each pass, its history across them; numbers-a once.
        var tables = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(failing.Database)!, "dynamodb-tables.json")))!.AsObject().Single().Value!.AsObject();
        JsonObject Job(string name) => tables.Select(i => i.Value!.AsObject()).Single(i => i["run_id"]!["S"]!.GetValue<string>() == "resume-me" && i["record"]!["S"]!.GetValue<string>() == "JOB#" + name);
        Assert.Equal(("3", "SUCCEEDED"), (Job("stop-app")["attempts"]!["N"]!.GetValue<string>(), Job("stop-app")["status"]!["S"]!.GetValue<string>()));
        Assert.Equal(["WAITING", "RUNNING", "FAILED", "WAITING", "RUNNING", "FAILED", "WAITING", "RUNNING", "SUCCEEDED"],
            Job("stop-app")["history"]!["L"]!.AsArray().Select(h => h!["M"]!["status"]!["S"]!.GetValue<string>()));
        Assert.Equal(["WAITING", "BLOCKED", "WAITING", "BLOCKED", "WAITING", "RUNNING", "SUCCEEDED"],
            Job("numbers-b")["history"]!["L"]!.AsArray().Select(h => h!["M"]!["status"]!["S"]!.GetValue<string>()));
        Assert.Equal("1", Job("numbers-a")["attempts"]!["N"]!.GetValue<string>());

        // The gate was answered once per pass and redrive: held on each failed pass (round.redrive 0.0, 1.1), let
        // through by each redrive (0.1, 1.2).
        Assert.Equal(["resume-me.gate.0.0", "resume-me.gate.0.1", "resume-me.gate.1.1", "resume-me.gate.1.2"],
            await Children(fixedServer, ServerFixture.NumberProcessor.Replace("number-processor", "job-net-gate", StringComparison.Ordinal)));
    }

    /// <summary>The run's cause, as plain lines: the job-net-gate workflow failed the gate with SendTaskFailure.</summary>
    private static string Message(JsonObject described) => described["cause"]!.GetValue<string>();

    private static async Task<List<string>> Children(ServerProcess server, string stateMachineArn = ServerFixture.NumberProcessor) =>
        [.. (await RawHttp.CallAsync(server.Endpoint, "ListExecutions", new JsonObject { ["stateMachineArn"] = stateMachineArn }))["executions"]!.AsArray()
            .Select(e => e!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static async Task<JsonObject> WaitAsync(ServerProcess server, string arn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
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
}
