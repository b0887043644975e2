using System.Diagnostics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.States;

/// <summary>Runs one state: publishes Entered and Exited (or Failed), turns errors into failures.
/// One instance per state, built once per definition.</summary>
internal abstract class StateExecutor(StateDefinition definition)
{
    public StateDefinition Definition { get; } = definition;
    protected string Name => Definition.Name;

    /// <param name="visit">Which time this state is entered in its scope (1 the first).</param>
    public async ValueTask<StateResult> RunAsync(BranchScope scope, JsonNode? input, int visit = 1)
    {
        var started = Stopwatch.GetTimestamp();
        var entered = new StateEnteredEvent(Name, Definition.Type, input) { Visit = visit };
        scope.Publish(entered);
        var context = new StateContext
        {
            Execution = scope.Runtime.Info, StateName = Name, EnteredTime = entered.Timestamp, EnteredEventId = entered.Id,
            Variables = scope.Variables, CountsRetries = Definition.Type is "Task" or "Map" or "Parallel",
        };
        StateResult result;
        try
        {
            result = await ExecuteAsync(scope, context, input).ConfigureAwait(false);
            if (result.Failure is null)
            {
                scope.Runtime.CheckPayload(result.Output, Name, "output");
                if (result.Assigned is { } assigned)
                {
                    scope.Runtime.CheckAssigned(assigned, Name);
                    scope.Variables.Assign(assigned);
                }
                scope.Publish(new StateExitedEvent(Name, Definition.Type, result.Output, Stopwatch.GetElapsedTime(started), result.Assigned) { Visit = visit, Next = result.Next });
            }
        }
        catch (StatesException e)
        {
            PublishEvaluationFailure(scope, e);
            result = StateResult.Fail(e.Error, e.Cause);
        }
        if (result.Failure is { } failure)
        {
            scope.Publish(new StateFailedEvent(Name, Definition.Type, failure.Error, failure.Cause, Stopwatch.GetElapsedTime(started)));
            if (Definition.Type == "Task" && scope.Key.Length > 0 && scope.LastEventType is { } last && EndsAnAttempt(last))
            {
                scope.Publish(new TaskStateAbortedEvent(Name));
            }
        }
        return result;
    }

    protected abstract ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input);

    /// <summary>A task's own failure event (TaskFailed, TaskTimedOut, LambdaFunctionFailed, …), as opposed to a
    /// failure of the state's data processing, after which AWS records no TaskStateAborted.</summary>
    private static bool EndsAnAttempt(string eventType) =>
        (eventType.StartsWith("Task", StringComparison.Ordinal) || eventType.StartsWith("LambdaFunction", StringComparison.Ordinal))
        && (eventType.EndsWith("Failed", StringComparison.Ordinal) || eventType.EndsWith("TimedOut", StringComparison.Ordinal));

    /// <summary>With <see cref="ExecutionOptions.Inspect"/>, publishes the data after one processing step.</summary>
    protected void Inspect(BranchScope scope, string stage, JsonNode? data)
    {
        if (scope.Runtime.Options.Inspect)
        {
            scope.Publish(new InspectionEvent(Name, stage, data));
        }
    }

    /// <summary>AWS records a JSONata evaluation failure as its own event, once per attempt, before Retry or Catch.</summary>
    protected void PublishEvaluationFailure(BranchScope scope, StatesException e)
    {
        if (e is QueryEvaluationException query)
        {
            scope.Publish(new EvaluationFailedEvent(Name, e.Error, e.Cause, query.Location));
        }
    }

    /// <summary>How a JSONata state ends: its Output (by default the result of its work, or its input when it
    /// has none) and its Assign, both evaluated against the same <c>$states</c> and the variables as they were
    /// when the state was entered.</summary>
    protected static (JsonNode? Output, JsonObject? Assigned) Conclude(QueryTemplate? output, Assignment? assign,
        JsonNode? input, StateContext context, JsonNode? result = null, bool hasResult = false, JsonNode? errorOutput = null)
    {
        if (output is null && assign is null)
        {
            return (hasResult ? result : errorOutput ?? input, null);
        }
        var scope = QueryScope.For(input, context, result, hasResult, errorOutput);
        var value = output is null ? (hasResult ? result : errorOutput ?? input) : output.Evaluate(scope);
        return (value, assign?.Query?.Evaluate(scope) as JsonObject);
    }

    /// <summary>A JSONPath state's Assign: its paths read <paramref name="value"/> (the state's result, or its
    /// input when it has none), its <c>$name</c> references the variables as they were on entry.</summary>
    protected static JsonObject? AssignPaths(Assignment? assign, JsonNode? value, StateContext context) =>
        assign?.Paths?.Build(value, context) as JsonObject;

    /// <summary>Next state, or null when the state ends its graph.</summary>
    protected StateResult Continue(JsonNode? output, JsonObject? assigned = null) =>
        StateResult.Continue(output, Definition.End ? null : Definition.Next, assigned);
}
