using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>Further rules: retry on Parallel and Map, path-driven timeouts, time scale, context gaps.</summary>
public class MoreConformanceTests
{
    [Fact]
    public async Task A_time_scale_shortens_waits_proportionally()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var machine = LocalStateMachine.Create(Sfn.Single("""{"Type":"Wait","Seconds":3600,"End":true}"""));
        var result = await machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { TimeScale = 0.0001 }, guard.Token);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Parallel_states_retry_a_failed_branch()
    {
        var calls = 0;
        var resolver = Sfn.Resolver().MapState("T", (input, _, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new StatesException("Flaky", null) : ValueTask.FromResult<JsonNode?>(JsonValue.Create("ok"))).Build();
        var definition = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Retry":[{"ErrorEquals":["Flaky"]}],"End":true,"Branches":[
          {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true}}}]}}}
        """;
        Sfn.JsonEqual("""["ok"]""", await Sfn.Output(definition, "{}", resolver));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Map_states_can_catch_an_iteration_failure()
    {
        var definition = """
        {"StartAt":"M","States":{"M":{"Type":"Map","Catch":[{"ErrorEquals":["Bad"],"Next":"H","ResultPath":"$.error"}],"End":true,
          "ItemsPath":"$.items","ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Bad","Cause":"item"}}}},
          "H":{"Type":"Pass","End":true}}}
        """;
        Sfn.JsonEqual("""{"items":[1],"error":{"Error":"Bad","Cause":"item"}}""", await Sfn.Output(definition, """{"items":[1]}"""));
    }

    [Fact]
    public async Task TimeoutSecondsPath_reads_the_timeout_from_the_input()
    {
        var resolver = Sfn.Resolver().MapState("S", async (input, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return input;
        }).Build();
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","TimeoutSecondsPath":"$.t","End":true}"""), """{"t":1}""", resolver);
        Assert.Equal(StatesErrors.Timeout, result.Error);
    }

    [Fact]
    public async Task TimeoutSecondsPath_must_point_to_a_positive_integer()
    {
        var resolver = Sfn.Resolver().MapState("S", x => x).Build();
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","TimeoutSecondsPath":"$.t","End":true}"""), """{"t":0}""", resolver);
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task TaskScheduled_records_timeout_and_heartbeat()
    {
        var resolver = Sfn.Resolver().MapState("S", x => x).Build();
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","TimeoutSeconds":30,"HeartbeatSeconds":10,"End":true}"""), "{}", resolver);
        var details = result.History.Single(e => e.Type == "TaskScheduled").Details!;
        Assert.Equal((30, 10), (details["timeoutInSeconds"]!.GetValue<int>(), details["heartbeatInSeconds"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_context_path_outside_a_waitForTaskToken_task_finds_no_token()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Pass","Parameters":{"t.$":"$$.Task.Token"},"End":true}"""));
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("context object", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsPath_can_read_the_context_object() =>
        Sfn.JsonEqual("[1,2]", await Sfn.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$$.Execution.Input.items",
             "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """, """{"items":[1,2]}"""));

    [Fact]
    public async Task Nested_Map_inside_Parallel_keeps_item_order()
    {
        var definition = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":3,"ItemProcessor":{"StartAt":"D","States":{"D":{"Type":"Pass","Parameters":{"v.$":"States.MathAdd($, 10)"},"OutputPath":"$.v","End":true}}},"End":true}}}]}}}
        """;
        Sfn.JsonEqual("[[10,11,12,13,14]]", await Sfn.Output(definition, "[0,1,2,3,4]"));
    }
}
