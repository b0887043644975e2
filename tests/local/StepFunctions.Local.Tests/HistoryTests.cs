using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>History in GetExecutionHistory's shape: ids, previousEventId, types and camelCase details.</summary>
public class HistoryTests
{
    private static IEnumerable<string> Types(ExecutionResult r) => r.History.Select(e => e.Type);

    [Fact]
    public async Task A_pass_machine_records_started_entered_exited_succeeded()
    {
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Pass","End":true}"""));
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], Types(result));
    }

    [Fact]
    public async Task Ids_count_from_one_and_link_to_the_previous_event()
    {
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Pass","End":true}"""));
        Assert.Equal([1L, 2, 3, 4], result.History.Select(e => e.Id));
        Assert.Equal([0L, 0, 2, 3], result.History.Select(e => e.PreviousEventId)); // AWS: the first Entered points at 0
    }

    [Fact]
    public async Task Inputs_and_outputs_are_json_strings_with_details()
    {
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Pass","End":true}"""), """{"a":1}""");
        var json = result.HistoryToJson();
        var entered = json["events"]![1]!;
        Assert.Equal("{\"a\":1}", entered["stateEnteredEventDetails"]!["input"]!.GetValue<string>());
        Assert.False(entered["stateEnteredEventDetails"]!["inputDetails"]!["truncated"]!.GetValue<bool>());
        Assert.Equal("S", entered["stateEnteredEventDetails"]!["name"]!.GetValue<string>());
        Assert.Equal("{\"a\":1}", json["events"]![3]!["executionSucceededEventDetails"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_fail_state_records_FailStateEntered_then_ExecutionFailed_with_details()
    {
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Fail","Error":"E","Cause":"C"}"""));
        Assert.Equal(["ExecutionStarted", "FailStateEntered", "ExecutionFailed"], Types(result));
        var details = result.History[^1].Details!;
        Assert.Equal(("E", "C"), (details["error"]!.GetValue<string>(), details["cause"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_service_task_records_scheduled_started_succeeded_with_resource_type()
    {
        var resolver = Sfn.Resolver().MapState("S", _ => JsonValue.Create(1)).Build();
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}"""), "{}", resolver);
        Assert.Equal(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"], Types(result));
        var scheduled = result.History[2].Details!;
        Assert.Equal(("lambda", "invoke", "us-east-1"), (scheduled["resourceType"]!.GetValue<string>(), scheduled["resource"]!.GetValue<string>(), scheduled["region"]!.GetValue<string>()));
        Assert.Equal("{\"FunctionName\":\"f\"}", scheduled["parameters"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plain_lambda_arn_records_LambdaFunction_events()
    {
        var resolver = Sfn.Resolver().AddFunction("f", x => x).Build();
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}"""), "{}", resolver);
        Assert.Equal(["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"], Types(result));
    }

    [Fact]
    public async Task A_failed_attempt_records_TaskFailed_before_the_retry_is_scheduled()
    {
        var calls = 0;
        var resolver = Sfn.Resolver().MapState("S", (input, _, _) => Interlocked.Increment(ref calls) == 1 ? throw new StatesException("E", "c") : ValueTask.FromResult(input)).Build();
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","Retry":[{"ErrorEquals":["E"]}],"End":true}"""), "{}", resolver);
        Assert.Equal(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"], Types(result));
    }

    [Fact]
    public async Task Map_records_map_and_iteration_events()
    {
        var result = await Sfn.Run("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}""", "[1]");
        Assert.Equal(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"], Types(result));
        Assert.Equal(1, result.History[2].Details!["length"]!.GetValue<int>());
        Assert.Equal(("M", 0), (result.History[3].Details!["name"]!.GetValue<string>(), result.History[3].Details!["index"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Parallel_records_started_and_succeeded()
    {
        var result = await Sfn.Run("""{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}],"End":true}}}""");
        Assert.Equal(["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "SucceedStateEntered", "SucceedStateExited", "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"], Types(result));
    }

    [Fact]
    public async Task After_a_Parallel_the_next_event_follows_the_last_branch_event()
    {
        var result = await Sfn.Run("""{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}],"End":true}}}""");
        var succeeded = result.History.Single(e => e.Type == "ParallelStateSucceeded");
        var lastBranchEvent = result.History.Single(e => e.Type == "SucceedStateExited");
        Assert.Equal(lastBranchEvent.Id, succeeded.PreviousEventId);
    }

    [Fact]
    public async Task History_can_be_turned_off()
    {
        var result = await LocalStateMachine.Create(Sfn.Single("""{"Type":"Pass","End":true}""")).ExecuteAsync(null, new ExecutionOptions { RecordHistory = false });
        Assert.Empty(result.History);
    }

    [Fact]
    public async Task A_subscriber_sees_every_history_event_as_it_happens_in_id_order()
    {
        // What a store persisting the history event by event relies on: the same events, ids and links. The
        // branch fails only after its Map, so how many events there are does not depend on thread timing.
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
              {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"F"},
                                       "F":{"Type":"Fail","Error":"Oops"}}}],
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"Next":"Done"},
             "Done":{"Type":"Pass","End":true}}}
            """;
        var store = new StoringSubscriber();
        var result = await LocalStateMachine.Create(definition).ExecuteAsync(Json.Parse("[1,2,3]"), new ExecutionOptions { Subscribers = [store] });
        var expected = result.HistoryToJson()["events"]!.AsArray();
        Assert.True(store.Events.Count > 10);
        Assert.Equal(Enumerable.Range(1, store.Events.Count).Select(i => (long)i), store.Events.Select(e => e["id"]!.GetValue<long>()));
        var seen = new JsonArray([.. store.Events.Select(e => e.DeepClone())]);
        Assert.True(JsonNode.DeepEquals(expected, seen), Json.Serialize(seen));
        Assert.Contains(store.Others, e => e is StateFailedEvent { StateName: "F", Error: "Oops" });
    }

    private sealed class StoringSubscriber : IExecutionSubscriber
    {
        public List<JsonNode> Events { get; } = [];
        public List<ExecutionEvent> Others { get; } = [];

        public void OnEvent(ExecutionEvent e)
        {
            if (e.InHistory)
            {
                Events.Add(e.ToHistoryEvent().ToJson());
            }
            else
            {
                Others.Add(e);
            }
        }
    }

    [Fact]
    public async Task TaskScheduled_records_timeout_and_heartbeat()
    {
        var resolver = Sfn.Resolver().MapState("S", x => x).Build();
        var result = await Sfn.Run(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","TimeoutSeconds":30,"HeartbeatSeconds":10,"End":true}"""), "{}", resolver);
        var details = result.History.Single(e => e.Type == "TaskScheduled").Details!;
        Assert.Equal((30, 10), (details["timeoutInSeconds"]!.GetValue<int>(), details["heartbeatInSeconds"]!.GetValue<int>()));
    }
}
