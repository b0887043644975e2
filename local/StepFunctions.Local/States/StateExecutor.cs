using System.Diagnostics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.InputOutput;
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
            Variables = scope.Variables, CountsRetries = Definition is ErrorHandlingStateDefinition,
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
            // A task whose own failure (TaskFailed, TaskTimedOut, LambdaFunctionFailed, …) ends its branch or
            // iteration; after a failure of the state's data processing AWS records no TaskStateAborted.
            if (Definition is TaskStateDefinition && scope.Key.Length > 0 && scope.LastEvent is TaskFailedEvent)
            {
                scope.Publish(new TaskStateAbortedEvent(Name));
            }
        }
        return result;
    }

    protected abstract ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input);

    /// <summary>With <see cref="ExecutionOptions.Inspect"/>, what publishes the data after each processing step; else null.</summary>
    protected Inspector? Inspection(BranchScope scope) =>
        scope.Runtime.Options.Inspect ? (stage, data) => scope.Publish(new InspectionEvent(Name, stage, data)) : null;

    /// <summary>AWS records a JSONata evaluation failure as its own event, once per attempt, before Retry or Catch.
    /// At the top level it points where the latest event points (AWS's recordings, LocalStack's
    /// test_assign_reference_variables.snapshot.json test_undefined_reference: a first state's EvaluationFailed
    /// points at 0 beside its Entered event, a third state's at the exit its Entered event points at); inside a
    /// Parallel branch or Map iteration it points at the latest event (histories read off us-east-1, published with
    /// floci's AslExecutorBranchHistoryEventsTest).</summary>
    protected void PublishEvaluationFailure(BranchScope scope, StatesException e)
    {
        if (e is QueryEvaluationException query)
        {
            if (scope.Key.Length == 0 && scope.LastEvent is { } latest)
            {
                scope.ChainFrom(latest.PreviousEventId);
            }
            scope.Publish(new EvaluationFailedEvent(Name, e.Error, e.Cause, query.Location));
        }
    }

    /// <summary>Next state, or null when the state ends its graph.</summary>
    protected StateResult Continue(Concluded concluded) =>
        StateResult.Continue(concluded.Output, Definition.End ? null : Definition.Next, concluded.Assigned);
}
