using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Testing;

/// <summary>
/// TestState: runs one state on the executor, as a one-state machine whose transition targets are Succeed
/// placeholders (so the target reached is the <c>nextState</c>). A <c>mock</c> answers the Task instead of its
/// integration; for Map and Parallel the mock stands for the whole state's result or error, as on AWS, so the
/// state runs as a Task with the Map's or Parallel's own input and output processing, Retry and Catch. Retry is not
/// run, as on AWS: an error a Retrier still takes gives status RETRIABLE (with <c>retrierRetryCount</c> attempts
/// already made), one it no longer takes goes on to the Catchers. The service (TestState over HTTP) and the CLI
/// (<c>sfn-local test-state</c>) both run states here; each brings the integrations an unmocked Task runs on.
/// </summary>
public static class TestStateRunner
{
    /// <summary>What a Map or Parallel under test becomes: a Task the mock answers.</summary>
    private const string MockedResource = "arn:aws:states:::teststate:mock";

    /// <summary>The fields a Map or Parallel keeps as a Task: its input/output processing and error handling.</summary>
    private static readonly string[] KeptAsTask = ["Comment", "QueryLanguage", "InputPath", "ResultSelector", "ResultPath",
        "OutputPath", "Output", "Assign", "Catch", "Next", "End"];

    /// <summary>Checks the request's members (a <see cref="TestStateException"/> for what AWS refuses) and runs the
    /// state.</summary>
    /// <param name="resolver">The integrations of the host, with the mock added by the given configuration.</param>
    public static Task<TestStateResult> RunAsync(TestStateMembers members, Func<Action<ResolverBuilder>?, IResourceResolver> resolver,
        CancellationToken cancellationToken = default) =>
        RunAsync(TestStateRequest.Parse(members), resolver, cancellationToken);

    public static async Task<TestStateResult> RunAsync(TestStateRequest test, Func<Action<ResolverBuilder>?, IResourceResolver> resolver,
        CancellationToken cancellationToken = default)
    {
        var (name, state) = (test.Name, test.State);
        var retry = state["Retry"]?.DeepClone() as JsonArray;
        var catchers = state["Catch"] as JsonArray;
        var tested = test.Type is "Map" or "Parallel" ? AsMockedTask(state, test.Type) : (JsonObject)state.DeepClone();
        tested.Remove("Retry");
        var states = new JsonObject { [name] = tested };
        foreach (var target in Targets(state).Where(t => t != name))
        {
            states[target] = new JsonObject { ["Type"] = "Succeed" };
        }
        var machineDefinition = new JsonObject { ["StartAt"] = name, ["States"] = states }.ToJsonString();
        LocalStateMachine machine;
        try
        {
            machine = LocalStateMachine.Create(machineDefinition, "TestState", Aws.Local.Arn.Local("states", "stateMachine:TestState").ToString());
        }
        catch (InvalidDefinitionException e)
        {
            throw new TestStateException(TestStateError.InvalidDefinition, "definition",
                $"Invalid State Machine Definition: '{string.Join(", ", e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Code}: {d.Message} at {d.Location}"))}'");
        }

        var inspection = new InspectionCollector();
        var result = await machine.ExecuteAsync(test.Input, new ExecutionOptions
        {
            Resolver = resolver(test.Mock is { } mock ? builder => builder.MapState(name, Mocked(mock, test)) : null),
            TimeScale = 0,
            RoleArn = test.RoleArn ?? Aws.Local.Arn.Local("iam", "role/TestState").ToString(),
            Subscribers = [inspection],
            Inspect = test.Inspects,
            Variables = test.Variables,
            Context = test.Context,
        }, cancellationToken).ConfigureAwait(false);

        var history = result.History;
        var taskFailure = history.LastOrDefault(e => e.Type is "TaskFailed" or "LambdaFunctionFailed" or "TaskTimedOut" or "LambdaFunctionTimedOut");
        var exited = history.LastOrDefault(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.Details?["name"]?.GetValue<string>() == name);
        var next = history.Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)).Select(e => e.Details?["name"]?.GetValue<string>()).Skip(1).FirstOrDefault();
        var (error, cause) = taskFailure is not null
            ? (taskFailure.Details?["error"]?.GetValue<string>(), taskFailure.Details?["cause"]?.GetValue<string>())
            : result.Status == ExecutionStatus.Succeeded ? (null, null) : (result.Error, result.Cause);

        TestExecutionStatus status;
        JsonNode? output = null;
        JsonObject? errorDetails = null;
        if (error is not null && Retrier(retry, error, test.Configuration.RetrierRetryCount ?? 0) is { } retrier)
        {
            status = TestExecutionStatus.Retriable;
            errorDetails = new JsonObject { ["retryBackoffIntervalSeconds"] = retrier.Backoff, ["retryIndex"] = retrier.Index };
            next = null;
        }
        else if (result.Status == ExecutionStatus.Succeeded)
        {
            output = exited is not null ? Json.Parse(exited.Details!["output"]!.GetValue<string>()) : result.Output;
            status = error is null ? TestExecutionStatus.Succeeded : TestExecutionStatus.CaughtError;
            if (error is not null && Index(catchers, error) is { } catchIndex)
            {
                errorDetails = new JsonObject { ["catchIndex"] = catchIndex };
            }
        }
        else
        {
            status = TestExecutionStatus.Failed;
            next = null;
        }

        JsonObject? inspectionData = null;
        if (test.Inspects)
        {
            inspectionData = inspection.ToJson(test.InputText, test.Level == InspectionLevel.Trace);
            if (test.Type == "Map")
            {
                AddMapSettings(inspectionData, state, inspection);
            }
            if (errorDetails is not null)
            {
                inspectionData["errorDetails"] = errorDetails;
            }
            // The variables after the state: those given, then what the state assigned.
            var after = (JsonObject?)test.Variables?.DeepClone() ?? [];
            foreach (var (variable, value) in RecordedEvent.ParseAssigned(exited?.Details?["assignedVariables"]) ?? [])
            {
                after[variable] = value?.DeepClone();
            }
            if (after.Count > 0)
            {
                inspectionData["variables"] = Json.Serialize(after);
            }
        }
        return new TestStateResult(status, output is null && status is TestExecutionStatus.Failed or TestExecutionStatus.Retriable ? null : Json.Serialize(output),
            error, cause, next, inspectionData);
    }

    /// <summary>A Map or Parallel as the Task its mock answers: the fields that shape its input and output, and its
    /// Catchers (Retry is judged apart). A Parallel's JSONPath Parameters and JSONata Arguments shape its branches'
    /// input, so they stay; a Map's items and processor are what the mock replaces.</summary>
    private static JsonObject AsMockedTask(JsonObject state, string type)
    {
        var task = new JsonObject { ["Type"] = "Task", ["Resource"] = MockedResource };
        IEnumerable<string> kept = type == "Parallel" ? [.. KeptAsTask, "Parameters", "Arguments"] : KeptAsTask;
        foreach (var field in kept)
        {
            if (state[field] is { } value)
            {
                task[field] = value.DeepClone();
            }
        }
        return task;
    }

    /// <summary>A Map's settings as TestState reports them: the items after ItemsPath (JSONPath), MaxConcurrency
    /// (0 when unset) and the tolerated failures that are set.</summary>
    private static void AddMapSettings(JsonObject data, JsonObject state, InspectionCollector inspection)
    {
        if (state["QueryLanguage"]?.GetValue<string>() != "JSONata" && inspection.Stage("afterInputPath") is JsonValue afterInputPath)
        {
            var itemsPath = state["ItemsPath"]?.GetValue<string>() ?? "$";
            if (JsonPath.TryParse(itemsPath, out var path, out _) && path!.TryEvaluate(Json.Parse(afterInputPath.GetValue<string>()), out var items))
            {
                data["afterItemsPath"] = Json.Serialize(items);
            }
        }
        data.Remove("afterParameters");
        data.Remove("result");
        data["maxConcurrency"] = state["MaxConcurrency"] is JsonValue max && max.GetValueKind() == JsonValueKind.Number ? max.GetValue<int>() : 0;
        foreach (var (field, member) in new[] { ("ToleratedFailureCount", "toleratedFailureCount"), ("ToleratedFailurePercentage", "toleratedFailurePercentage") })
        {
            if (state[field] is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            {
                data[member] = value.DeepClone();
            }
        }
    }

    /// <summary>The Retrier that takes the error after <paramref name="attempts"/> retries: the first whose
    /// ErrorEquals matches (AWS uses the first match even when it is exhausted), if it has attempts left.</summary>
    private static (int Index, double Backoff)? Retrier(JsonArray? retry, string error, int attempts)
    {
        if (Index(retry, error) is not { } index)
        {
            return null;
        }
        var retrier = retry![index]!;
        var maxAttempts = Number(retrier["MaxAttempts"]) ?? 3;
        if (attempts >= maxAttempts)
        {
            return null;
        }
        var backoff = (Number(retrier["IntervalSeconds"]) ?? 1) * Math.Pow(Number(retrier["BackoffRate"]) ?? 2.0, attempts);
        if (Number(retrier["MaxDelaySeconds"]) is { } maxDelay)
        {
            backoff = Math.Min(backoff, maxDelay);
        }
        return (index, backoff);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    /// <summary>The index of the first Retrier or Catcher whose ErrorEquals matches the error.</summary>
    private static int? Index(JsonArray? handlers, string error)
    {
        for (var i = 0; i < (handlers?.Count ?? 0); i++)
        {
            if (handlers![i]?["ErrorEquals"] is JsonArray equals
                && equals.Any(p => p is JsonValue v && v.GetValueKind() == JsonValueKind.String && StatesErrors.Matches(v.GetValue<string>(), error)))
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>Every state the tested state can go to: Next, Default, each Choice rule's and each Catcher's Next.</summary>
    private static IEnumerable<string> Targets(JsonObject state)
    {
        IEnumerable<JsonNode?> nexts = [state["Next"], state["Default"],
            .. (state["Choices"] as JsonArray ?? []).Select(c => c?["Next"]),
            .. (state["Catch"] as JsonArray ?? []).Select(c => c?["Next"])];
        return nexts.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).Distinct();
    }

    /// <summary>The mock as the state's work: its result, or its error. For a Map, iterations that failed
    /// (<c>mapIterationFailureCount</c>) beyond the state's tolerated failures fail it as AWS does.</summary>
    private static TaskHandler Mocked(TestStateMock mock, TestStateRequest test)
    {
        if (mock.IsError)
        {
            return (_, _, _) => throw new StatesException(mock.Error!, mock.Cause);
        }
        if (test.Type == "Map" && test.Configuration.MapIterationFailureCount is { } failed && ExceedsTolerance(test.State, failed, (mock.Result as JsonArray)!.Count))
        {
            return (_, _, _) => throw new StatesException("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded");
        }
        return (_, _, _) => ValueTask.FromResult(mock.Result?.DeepClone());
    }

    /// <summary>AWS's recordings: a Map with no tolerated-failure field is not failed by mapIterationFailureCount;
    /// with one, more failures than the count (or a larger share than the percentage) fail it.</summary>
    private static bool ExceedsTolerance(JsonObject map, int failed, int items)
    {
        var count = Number(map["ToleratedFailureCount"]);
        var percentage = Number(map["ToleratedFailurePercentage"]);
        return (count is { } c && failed > c)
            || (percentage is { } p && items > 0 && failed * 100.0 / items > p);
    }
}
