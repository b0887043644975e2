using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The store survives the server: Ctrl-C, and SIGKILL in the middle of 200 executions.</summary>
public sealed class DurabilityTests
{
    /// <summary>About three seconds of real waits: a Wait, then a Map of three one-second iterations two at a time,
    /// then a Parallel. Its output depends only on its input.</summary>
    private const string SlowDefinition = """
        {"StartAt":"Begin","States":{
          "Begin":{"Type":"Pass","Parameters":{"n.$":"$.n","items":[1,2,3]},"Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":1,"Next":"Each"},
          "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.mapped",
            "ItemSelector":{"item.$":"$$.Map.Item.Value","n.$":"$.n"},
            "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Nap","States":{
              "Nap":{"Type":"Wait","Seconds":1,"Next":"Add"},
              "Add":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.item, $.n)"},"End":true}}},
            "Next":"Both"},
          "Both":{"Type":"Parallel","ResultPath":"$.both","End":true,"Branches":[
            {"StartAt":"L","States":{"L":{"Type":"Pass","Parameters":{"left.$":"$.n"},"End":true}}},
            {"StartAt":"R","States":{"R":{"Type":"Pass","Result":"right","End":true}}}]}}}
        """;

    private static async Task<string> CreateAsync(string endpoint, string name, string definition) =>
        (await RawHttp.CallAsync(endpoint, "CreateStateMachine", new JsonObject { ["name"] = name, ["definition"] = definition, ["roleArn"] = ServerFixture.Role }))["stateMachineArn"]!.GetValue<string>();

    private static Task<JsonObject> DescribeAsync(string endpoint, string arn) =>
        RawHttp.CallAsync(endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn });

    private static async Task<JsonArray> HistoryAsync(string endpoint, string arn) =>
        (await RawHttp.CallAsync(endpoint, "GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 }))["events"]!.AsArray();

    private static async Task<JsonObject> WaitForAsync(string endpoint, string arn)
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(3); ; await Task.Delay(100))
        {
            var described = await DescribeAsync(endpoint, arn);
            if (described["status"]!.GetValue<string>() != "RUNNING" || DateTime.UtcNow > deadline)
            {
                return described;
            }
        }
    }

    /// <summary>What a history must look like however the server was interrupted: ids 1..N without a gap or a
    /// repeat, each previousEventId pointing back, and the same events as an uninterrupted run.</summary>
    private static void AssertWholeHistory(JsonArray history, JsonArray clean)
    {
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e!["id"]!.GetValue<int>()));
        Assert.All(history, e => Assert.InRange(e!["previousEventId"]!.GetValue<int>(), 0, e["id"]!.GetValue<int>() - 1));
        Assert.Equal(Signature(clean), Signature(history));
    }

    private static List<string> Signature(JsonArray history) =>
        [.. history.Select(e => e!["type"]!.GetValue<string>() + " " + (e["stateEnteredEventDetails"]?["name"] ?? e["stateExitedEventDetails"]?["name"]
            ?? e["mapIterationStartedEventDetails"]?["index"] ?? e["mapIterationSucceededEventDetails"]?["index"])).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Finished_executions_and_their_histories_are_there_after_a_restart()
    {
        var first = await ServerProcess.StartAsync();
        var machine = await CreateAsync(first.Endpoint, "kept", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"kept":true},"End":true}}}""");
        var arn = (await RawHttp.CallAsync(first.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["input"] = """{"a":1}""" }))["executionArn"]!.GetValue<string>();
        var before = await WaitForAsync(first.Endpoint, arn);
        var historyBefore = await HistoryAsync(first.Endpoint, arn);
        Assert.Equal(0, await first.InterruptAsync());

        await using var second = await ServerProcess.StartAsync(first.Database);
        var after = await DescribeAsync(second.Endpoint, arn);

        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(historyBefore.ToJsonString(), (await HistoryAsync(second.Endpoint, arn)).ToJsonString());
        Assert.Contains(machine, (await RawHttp.CallAsync(second.Endpoint, "ListStateMachines", []))["stateMachines"]!.ToJsonString(), StringComparison.Ordinal);
        await first.DisposeAsync();
    }

    private static string Expected(int n) =>
        $$"""{"n":{{n}},"items":[1,2,3],"mapped":[{"sum":{{n + 1}}},{"sum":{{n + 2}}},{"sum":{{n + 3}}}],"both":[{"left":{{n}}},"right"]}""";

    [Fact]
    public async Task Executions_killed_with_SIGKILL_mid_run_all_finish_after_a_restart_as_a_clean_run_would()
    {
        const int Count = 200;
        var first = await ServerProcess.StartAsync(arguments: "--time-scale 1");
        var machine = await CreateAsync(first.Endpoint, "fault", SlowDefinition);
        var started = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
            (await RawHttp.CallAsync(first.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = $"run-{i}", ["input"] = $$"""{"n":{{i}}}""" }))["executionArn"]!.GetValue<string>()));
        await Task.Delay(1500);
        var runningAtKill = 0;
        foreach (var arn in started.Take(20))
        {
            runningAtKill += (await DescribeAsync(first.Endpoint, arn))["status"]!.GetValue<string>() == "RUNNING" ? 1 : 0;
        }
        first.Kill();
        Assert.True(runningAtKill > 0, "the kill should land while executions run");

        await using var second = await ServerProcess.StartAsync(first.Database, "--time-scale 1");
        // The line comes a few lines after the endpoint's, while 200 resumed executions compete for the CPU: wait for it.
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !second.Output.Contains("Resumed", StringComparison.Ordinal) && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
        }
        Assert.Contains("Resumed", second.Output, StringComparison.Ordinal);
        var cleanArn = (await RawHttp.CallAsync(second.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = "clean", ["input"] = """{"n":7}""" }))["executionArn"]!.GetValue<string>();
        var clean = await WaitForAsync(second.Endpoint, cleanArn);
        var cleanHistory = await HistoryAsync(second.Endpoint, cleanArn);
        Assert.Equal(Expected(7), clean["output"]!.GetValue<string>());

        for (var i = 0; i < Count; i++)
        {
            var described = await WaitForAsync(second.Endpoint, started[i]);
            Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
            Assert.Equal(Expected(i), described["output"]!.GetValue<string>());
            AssertWholeHistory(await HistoryAsync(second.Endpoint, started[i]), cleanHistory);
        }
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Ctrl_C_leaves_a_running_execution_running_and_the_next_start_finishes_it()
    {
        var first = await ServerProcess.StartAsync(arguments: "--time-scale 1");
        var machine = await CreateAsync(first.Endpoint, "pause", """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"W"},"W":{"Type":"Wait","Seconds":2,"Next":"B"},"B":{"Type":"Pass","Result":"done","End":true}}}""");
        var arn = (await RawHttp.CallAsync(first.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine }))["executionArn"]!.GetValue<string>();
        await Task.Delay(500);
        Assert.Equal(0, await first.InterruptAsync());

        await using var second = await ServerProcess.StartAsync(first.Database, "--time-scale 1");
        var described = await WaitForAsync(second.Endpoint, arn);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        var types = (await HistoryAsync(second.Endpoint, arn)).Select(e => e!["type"]!.GetValue<string>());
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], types);
        await first.DisposeAsync();
    }
}
