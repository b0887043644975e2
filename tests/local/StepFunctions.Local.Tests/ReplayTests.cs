using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Tests;

/// <summary>Continuing an execution from its recorded history (ExecutionOptions.Replay): resume after an
/// interruption, redrive after a failure; plus the checkpoint and inspection hooks a store and TestState use.</summary>
public class ReplayTests
{
    /// <summary>Keeps history events the way a store does (with their places), until told to stop listening.</summary>
    private sealed class Recorder : IExecutionSubscriber
    {
        public List<RecordedEvent> Events { get; } = [];
        public List<ExecutionEvent> All { get; } = [];
        public volatile bool Detached;

        public void OnEvent(ExecutionEvent e)
        {
            if (Detached)
            {
                return;
            }
            All.Add(e);
            if (e.InHistory)
            {
                Events.Add(new RecordedEvent(e.Id, e.Type, e.ScopeKey)
                {
                    StateName = (e as StateEnteredEvent)?.StateName ?? (e as StateExitedEvent)?.StateName,
                    Visit = (e as StateEnteredEvent)?.Visit ?? (e as StateExitedEvent)?.Visit ?? 0,
                    Output = (e as StateExitedEvent)?.Output,
                    Next = (e as StateExitedEvent)?.Next,
                    AssignedVariables = (e as StateExitedEvent)?.AssignedVariables,
                });
            }
        }
    }

    private static ResolverBuilder Counting(Dictionary<string, int> calls, Func<string, JsonNode?, int, JsonNode?> handler)
    {
        var handlers = new HandlerResolver().MapResource("arn:aws:states:::work", (input, invocation, _) =>
        {
            int count;
            lock (calls)
            {
                var key = invocation.StateName + ":" + Json.Serialize(input);
                calls[key] = count = calls.GetValueOrDefault(key) + 1;
            }
            return ValueTask.FromResult(handler(invocation.StateName, input, count));
        });
        return new ResolverBuilder().Add(handlers);
    }

    private const string Sequence = """
        {"StartAt":"First","States":{
          "First":{"Type":"Task","Resource":"arn:aws:states:::work","Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":30,"Next":"Last"},
          "Last":{"Type":"Task","Resource":"arn:aws:states:::work","End":true}}}
        """;

    [Fact]
    public async Task Resume_skips_the_states_that_exited_and_does_not_record_the_interrupted_ones_twice()
    {
        var calls = new Dictionary<string, int>();
        var machine = LocalStateMachine.Create(Sequence);
        var recorder = new Recorder();
        using var crash = new CancellationTokenSource();
        var interrupted = machine.ExecuteAsync(new JsonObject { ["x"] = 1 }, new ExecutionOptions
        {
            Resolver = Counting(calls, (_, input, _) => input).Build(), TimeScale = 1, ExecutionName = "e", Subscribers = [recorder],
        }, crash.Token);
        while (!recorder.Events.Any(e => e.Type == "WaitStateEntered"))
        {
            await Task.Delay(10);
        }
        recorder.Detached = true; // the process dies: nothing after this is kept
        await crash.CancelAsync();
        await interrupted;

        var resumed = new Recorder();
        var result = await machine.ExecuteAsync(new JsonObject { ["x"] = 1 }, new ExecutionOptions
        {
            Resolver = Counting(calls, (_, input, _) => input).Build(), TimeScale = 0, ExecutionName = "e", Subscribers = [resumed],
            Replay = new ExecutionReplay { Mode = ReplayMode.Resume, History = recorder.Events, StartTime = DateTimeOffset.UtcNow },
        });

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(1, calls["First:{\"x\":1}"]);
        Assert.Equal(1, calls["Last:{\"x\":1}"]);
        var whole = recorder.Events.Concat(resumed.Events).ToList();
        Assert.Equal(Enumerable.Range(1, whole.Count).Select(i => (long)i), whole.Select(e => e.Id));
        var clean = await machine.ExecuteAsync(new JsonObject { ["x"] = 1 }, new ExecutionOptions { Resolver = Counting([], (_, input, _) => input).Build(), TimeScale = 0 });
        Assert.Equal(clean.History.Select(e => e.Type), whole.Select(e => e.Type));
        Assert.Equal("WaitStateExited", resumed.Events[0].Type);
    }

    [Fact]
    public async Task Redrive_reruns_the_failed_state_and_only_the_failed_map_iterations()
    {
        var calls = new Dictionary<string, int>();
        // Item 1 fails the first time it is processed, and succeeds when redriven.
        var resolver = () => Counting(calls, (_, input, count) => input!["i"]!.GetValue<int>() == 1 && count == 1
            ? throw new StatesException("Flaky", "first attempt")
            : new JsonObject { ["done"] = input["i"]!.GetValue<int>() }).Build();
        var machine = LocalStateMachine.Create("""
            {"StartAt":"Before","States":{
              "Before":{"Type":"Pass","Result":"ready","ResultPath":"$.before","Next":"Each"},
              "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ItemProcessor":{"StartAt":"Do","States":{
                "Do":{"Type":"Task","Resource":"arn:aws:states:::work","End":true}}},"End":true}}}
            """);
        var input = Json.Parse("""{"items":[{"i":0},{"i":1},{"i":2}]}""");
        var recorder = new Recorder();
        var failed = await machine.ExecuteAsync(input, new ExecutionOptions { Resolver = resolver(), TimeScale = 0, ExecutionName = "r", Subscribers = [recorder] });
        Assert.Equal(ExecutionStatus.Failed, failed.Status);

        var redrive = new Recorder();
        var result = await machine.ExecuteAsync(input, new ExecutionOptions
        {
            Resolver = resolver(), TimeScale = 0, ExecutionName = "r", Subscribers = [redrive],
            Replay = new ExecutionReplay { Mode = ReplayMode.Redrive, History = recorder.Events, StartTime = failed.StartDate, RedriveCount = 1 },
        });

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Sfn.JsonEqual("""[{"done":0},{"done":1},{"done":2}]""", result.Output);
        Assert.Equal([1, 2, 1], new[] { 0, 1, 2 }.Select(i => calls[$"Do:{{\"i\":{i}}}"]));
        Assert.Equal("ExecutionRedriven", redrive.Events[0].Type);
        Assert.Equal(recorder.Events[^1].Id + 1, redrive.Events[0].Id);
        Assert.DoesNotContain(redrive.Events, e => e.StateName == "Before");
        var rerunIterations = redrive.All.OfType<MapIterationEvent>().Where(e => e.Type == "MapIterationStarted").Select(e => e.Index);
        Assert.Equal([1, 2], rerunIterations);
        Assert.Equal(1, Json.Parse(redrive.All[0].ToHistoryEvent().Details!.ToJsonString())!["redriveCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Redrive_restores_the_variables_the_skipped_states_assigned_and_sets_RedriveTime()
    {
        var calls = new Dictionary<string, int>();
        // Use fails the first time, as $$.Execution.RedriveTime exists only once redriven; redriven, it must see
        // the variables Set, Change and Each assigned.
        var resolver = () => Counting(calls, (_, input, _) => input).Build();
        var machine = LocalStateMachine.Create("""
            {"QueryLanguage":"JSONata","StartAt":"Set","States":{
              "Set":{"Type":"Pass","Assign":{"x":5,"y":{"z":[1,2]}},"Next":"Change"},
              "Change":{"Type":"Pass","Assign":{"x":"{% $x + 1 %}"},"Next":"Each"},
              "Each":{"Type":"Map","Items":[1,2],"ItemProcessor":{"StartAt":"Inner","States":{
                "Inner":{"Type":"Pass","Assign":{"inner":"{% $states.input %}"},"Output":"{% $states.input * $x %}","End":true}}},
                "Assign":{"products":"{% $states.result %}"},"Next":"Use"},
              "Use":{"Type":"Task","Resource":"arn:aws:states:::work","Arguments":{"x":"{% $x %}","z":"{% $y.z %}","products":"{% $products %}","redriven":"{% $states.context.Execution.RedriveTime %}"},"End":true}}}
            """);
        var recorder = new Recorder();
        var failed = await machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { Resolver = resolver(), TimeScale = 0, ExecutionName = "v", Subscribers = [recorder] });
        Assert.Equal((ExecutionStatus.Failed, "States.QueryEvaluationError"), (failed.Status, failed.Error));
        Assert.Contains("$states.context.Execution.RedriveTime", failed.Cause, StringComparison.Ordinal);

        var result = await machine.ExecuteAsync(new JsonObject(), new ExecutionOptions
        {
            Resolver = resolver(), TimeScale = 0, ExecutionName = "v", Subscribers = [new Recorder()],
            Replay = new ExecutionReplay
            {
                Mode = ReplayMode.Redrive, History = recorder.Events, StartTime = failed.StartDate, RedriveCount = 1,
                RedriveTime = DateTimeOffset.Parse("2026-12-01T10:00:00.5Z", System.Globalization.CultureInfo.InvariantCulture),
            },
        });

        Assert.True(result.Status == ExecutionStatus.Succeeded, result.Error + " " + result.Cause);
        Sfn.JsonEqual("""{"x":6,"z":[1,2],"products":[6,12],"redriven":"2026-12-01T10:00:00.500Z"}""", result.Output);
    }

    [Fact]
    public async Task Redrive_of_a_parallel_reruns_only_the_failed_branch()
    {
        var calls = new Dictionary<string, int>();
        var resolver = () => Counting(calls, (state, input, count) => state == "Right" && count == 1
            ? throw new StatesException("Flaky", "first attempt")
            : JsonValue.Create(state)).Build();
        var machine = LocalStateMachine.Create("""
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Left","States":{"Left":{"Type":"Task","Resource":"arn:aws:states:::work","End":true}}},
              {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":1,"Next":"Right"},
                                          "Right":{"Type":"Task","Resource":"arn:aws:states:::work","End":true}}}]}}}
            """);
        var recorder = new Recorder();
        var failed = await machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { Resolver = resolver(), TimeScale = 0.01, Subscribers = [recorder] });
        Assert.Equal(ExecutionStatus.Failed, failed.Status);

        var result = await machine.ExecuteAsync(new JsonObject(), new ExecutionOptions
        {
            Resolver = resolver(), TimeScale = 0,
            Replay = new ExecutionReplay { Mode = ReplayMode.Redrive, History = recorder.Events, StartTime = failed.StartDate, RedriveCount = 1 },
        });

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Sfn.JsonEqual("""["Left","Right"]""", result.Output);
        Assert.Equal(1, calls["Left:{}"]);
        Assert.Equal(2, calls["Right:{}"]);
        Assert.DoesNotContain(result.History, e => e.Type == "WaitStateEntered"); // Wait had exited: not rerun
    }

    [Fact]
    public async Task Loops_number_their_visits_and_the_checkpoint_runs_before_every_state()
    {
        var recorder = new Recorder();
        var checkpoints = 0;
        var result = await LocalStateMachine.Create("""
            {"StartAt":"Count","States":{
              "Count":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Again"},
              "Again":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,"Next":"Count"}],"Default":"Done"},
              "Done":{"Type":"Succeed"}}}
            """).ExecuteAsync(new JsonObject { ["n"] = 0 }, new ExecutionOptions
        {
            Subscribers = [recorder],
            Checkpoint = _ => { Interlocked.Increment(ref checkpoints); return ValueTask.CompletedTask; },
        });

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal([1, 2, 3], recorder.All.OfType<StateEnteredEvent>().Where(e => e.StateName == "Count").Select(e => e.Visit));
        Assert.Equal(["Again", "Again", "Again"], recorder.All.OfType<StateExitedEvent>().Where(e => e.StateName == "Count").Select(e => e.Next));
        Assert.Equal(7, checkpoints);
    }

    [Fact]
    public async Task Inspect_publishes_the_data_after_each_processing_step()
    {
        var recorder = new Recorder();
        var resolver = new ResolverBuilder().MapResource("arn:aws:states:::work", _ => Json.Parse("""{"Payload":{"n":2}}""")).Build();
        await LocalStateMachine.Create(Sfn.Single("""
            {"Type":"Task","Resource":"arn:aws:states:::work","InputPath":"$.in","Parameters":{"p.$":"$.n"},
             "ResultSelector":{"n.$":"$.Payload.n"},"ResultPath":"$.out","End":true}
            """)).ExecuteAsync(Json.Parse("""{"in":{"n":1}}"""), new ExecutionOptions { Resolver = resolver, Subscribers = [recorder], Inspect = true });

        var stages = recorder.All.OfType<InspectionEvent>().Select(e => (e.Stage, Json.Serialize(e.Data))).ToList();
        Assert.Equal([
            ("afterInputPath", """{"n":1}"""), ("afterParameters", """{"p":1}"""), ("result", """{"Payload":{"n":2}}"""),
            ("afterResultSelector", """{"n":2}"""), ("afterResultPath", """{"in":{"n":1},"out":{"n":2}}"""),
        ], stages);
        Assert.DoesNotContain(recorder.Events, e => e.Type == "Inspection");
    }
}
