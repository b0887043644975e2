using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>Pass, Wait, Succeed, Fail, Parallel and Map behaviour, plus timeouts and cancellation.</summary>
public class StateTypeTests
{
    [Fact]
    public async Task Pass_without_Result_passes_its_input() =>
        Sfn.JsonEqual("""{"a":1}""", await Sfn.Output(Sfn.Single("""{"Type":"Pass","End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task Succeed_applies_InputPath_and_OutputPath() =>
        Sfn.JsonEqual("1", await Sfn.Output(Sfn.Single("""{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}"""), """{"a":{"b":1}}"""));

    [Fact]
    public async Task Fail_reports_its_Error_and_Cause()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Fail","Error":"E","Cause":"C"}"""));
        Assert.Equal(("E", "C"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Fail_ErrorPath_and_CausePath_read_the_input()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('x={}', $.c)"}"""), """{"e":"Err","c":1}""");
        Assert.Equal(("Err", "x=1"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Fail_ErrorPath_must_resolve_to_a_string()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Fail","ErrorPath":"$.e"}"""), """{"e":1}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task Wait_Seconds_is_instant_at_time_scale_zero() =>
        Sfn.JsonEqual("""{"a":1}""", await Sfn.Output(Sfn.Single("""{"Type":"Wait","Seconds":3600,"End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task Wait_SecondsPath_must_be_a_non_negative_integer()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Wait","SecondsPath":"$.s","End":true}"""), """{"s":-1}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task Wait_TimestampPath_must_be_a_timestamp()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Wait","TimestampPath":"$.t","End":true}"""), """{"t":"tomorrow"}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task Wait_with_a_past_Timestamp_continues_at_once_in_real_time()
    {
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Wait","Timestamp":"2000-01-01T00:00:00Z","End":true}"""), timeScale: 1);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Parallel_returns_branch_outputs_in_branch_order()
    {
        var definition = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1,"Next":"A2"},"A2":{"Type":"Pass","Result":"a","End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]}}}
        """;
        Sfn.JsonEqual("""["a","b"]""", await Sfn.Output(definition));
    }

    [Fact]
    public async Task A_failing_branch_fails_the_Parallel_with_the_branch_error()
    {
        var definition = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Fail","Error":"BranchBroke","Cause":"why"}}},
          {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}
        """;
        var result = await Sfn.Failure(definition);
        Assert.Equal(("BranchBroke", "why"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Parallel_failure_can_be_caught()
    {
        var definition = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Ok","Catch":[{"ErrorEquals":["BranchBroke"],"Next":"Ok"}],"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Fail","Error":"BranchBroke"}}}]},"Ok":{"Type":"Succeed"}}}
        """;
        Sfn.JsonEqual("""{"Error":"BranchBroke","Cause":null}""", await Sfn.Output(definition));
    }

    [Fact]
    public async Task Parallel_ResultSelector_and_ResultPath_apply_to_the_array()
    {
        var definition = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"ResultSelector":{"first.$":"$[0]"},"ResultPath":"$.r","Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}}]}}}
        """;
        Sfn.JsonEqual("""{"k":0,"r":{"first":1}}""", await Sfn.Output(definition, """{"k":0}"""));
    }

    private static string Map(string fields, string processor = """{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}""") =>
        Sfn.Fill("""{"StartAt":"M","States":{"M":{"Type":"Map",{fields}"ItemProcessor":{processor},"End":true}}}""", ("fields", fields), ("processor", processor));

    [Fact]
    public async Task Map_returns_outputs_in_item_order() =>
        Sfn.JsonEqual("[1,2,3]", await Sfn.Output(Map("""
            "ItemsPath":"$.items","MaxConcurrency":2,
            """), """{"items":[1,2,3]}"""));

    [Fact]
    public async Task Map_ItemSelector_sees_the_index_and_value_in_the_context_object() =>
        Sfn.JsonEqual("""[{"i":0,"v":"a","k":7},{"i":1,"v":"b","k":7}]""", await Sfn.Output(Map("""
            "ItemsPath":"$.items","ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},
            """), """{"items":["a","b"],"k":7}"""));

    [Fact]
    public async Task Map_accepts_the_legacy_Iterator_and_Parameters_fields() =>
        Sfn.JsonEqual("""[{"v":1}]""", await Sfn.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"v.$":"$$.Map.Item.Value"},
             "Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """, "[1]"));

    [Fact]
    public async Task Map_over_an_empty_array_returns_an_empty_array() =>
        Sfn.JsonEqual("[]", await Sfn.Output(Map(""), "[]"));

    [Fact]
    public async Task Map_ItemsPath_must_point_to_an_array()
    {
        var result = await Sfn.Failure(Map("""
            "ItemsPath":"$.items",
            """), """{"items":5}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task A_failing_iteration_fails_the_Map_with_its_error()
    {
        var result = await Sfn.Failure(Map("", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"ItemBad"}}}"""), "[1,2,3]");
        Assert.Equal("ItemBad", result.Error);
    }

    [Fact]
    public async Task ToleratedFailureCount_lets_some_iterations_fail()
    {
        var processor = """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"Ok"},"F":{"Type":"Fail","Error":"Two"},"Ok":{"Type":"Succeed"}}}""";
        Sfn.JsonEqual("""[1,{"Error":"Two","Cause":null},3]""", await Sfn.Output(Map("""
            "ToleratedFailureCount":1,
            """, processor), "[1,2,3]"));
    }

    [Fact]
    public async Task Exceeding_ToleratedFailurePercentage_fails_with_ExceedToleratedFailureThreshold()
    {
        var processor = """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Any"}}}""";
        var result = await Sfn.Failure(Map("""
            "ToleratedFailurePercentage":50,
            """, processor), "[1,2,3]");
        Assert.Equal(StatesErrors.ExceedToleratedFailureThreshold, result.Error);
    }

    [Fact]
    public async Task MaxConcurrencyPath_reads_the_limit_from_the_input() =>
        Sfn.JsonEqual("[1,2]", await Sfn.Output(Map("""
            "ItemsPath":"$.items","MaxConcurrencyPath":"$.max",
            """), """{"items":[1,2],"max":1}"""));

    [Fact]
    public async Task Map_with_MaxConcurrency_one_runs_items_one_at_a_time()
    {
        var running = 0;
        var peak = 0;
        var resolver = Sfn.Resolver().MapState("T", async (input, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            return input;
        }).Build();
        var definition = Map("""
            "MaxConcurrency":1,
            """, """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true}}}""");
        await Sfn.Output(definition, "[1,2,3,4,5,6]", resolver);
        Assert.Equal(1, peak);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task Task_TimeoutSeconds_fails_with_States_Timeout()
    {
        var resolver = Sfn.Resolver().MapState("T", async (input, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return input;
        }).Build();
        var result = await Sfn.Failure("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y","TimeoutSeconds":1,"End":true}}}""", "{}", resolver);
        Assert.Equal(StatesErrors.Timeout, result.Error);
        Assert.Contains(result.History, e => e.Type == "TaskTimedOut");
    }

    [Fact]
    public async Task Execution_TimeoutSeconds_ends_with_TIMED_OUT()
    {
        var machine = LocalStateMachine.Create("""{"TimeoutSeconds":1,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}""");
        var result = await machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { TimeScale = 1 });
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        Assert.Equal("ExecutionTimedOut", result.History[^1].Type);
    }

    [Fact]
    public async Task The_longest_wait_ASL_allows_can_be_started_and_aborted()
    {
        using var cts = new CancellationTokenSource();
        var machine = LocalStateMachine.Create("""{"TimeoutSeconds":99999999,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":99999999,"End":true}}}""");
        var running = machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { TimeScale = 1 }, cts.Token);
        await cts.CancelAsync();
        Assert.Equal(ExecutionStatus.Aborted, (await running).Status);
    }

    [Fact]
    public async Task Cancelling_the_token_aborts_the_execution()
    {
        using var cts = new CancellationTokenSource();
        var machine = LocalStateMachine.Create(Sfn.Single("""{"Type":"Wait","Seconds":30,"End":true}"""));
        var running = machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { TimeScale = 1 }, cts.Token);
        await cts.CancelAsync();
        var result = await running;
        Assert.Equal(ExecutionStatus.Aborted, result.Status);
        Assert.Equal("ExecutionAborted", result.History[^1].Type);
    }
}
