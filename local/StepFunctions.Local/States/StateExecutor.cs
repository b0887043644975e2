using System.Diagnostics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

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
        var context = new StateContext { Execution = scope.Runtime.Info, StateName = Name, EnteredTime = entered.Timestamp, EnteredEventId = entered.Id };
        StateResult result;
        try
        {
            result = await ExecuteAsync(scope, context, input).ConfigureAwait(false);
            if (result.Failure is null)
            {
                scope.Runtime.CheckPayload(result.Output, Name, "output");
                scope.Publish(new StateExitedEvent(Name, Definition.Type, result.Output, Stopwatch.GetElapsedTime(started)) { Visit = visit, Next = result.Next });
            }
        }
        catch (StatesException e)
        {
            result = StateResult.Fail(e.Error, e.Cause);
        }
        if (result.Failure is { } failure)
        {
            scope.Publish(new StateFailedEvent(Name, Definition.Type, failure.Error, failure.Cause, Stopwatch.GetElapsedTime(started)));
        }
        return result;
    }

    protected abstract ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input);

    /// <summary>With <see cref="ExecutionOptions.Inspect"/>, publishes the data after one processing step.</summary>
    protected void Inspect(BranchScope scope, string stage, JsonNode? data)
    {
        if (scope.Runtime.Options.Inspect)
        {
            scope.Publish(new InspectionEvent(Name, stage, data));
        }
    }

    /// <summary>Next state, or null when the state ends its graph.</summary>
    protected StateResult Continue(JsonNode? output) => StateResult.Continue(output, Definition.End ? null : Definition.Next);
}
