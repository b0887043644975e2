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

    public async ValueTask<StateResult> RunAsync(BranchScope scope, JsonNode? input)
    {
        var started = Stopwatch.GetTimestamp();
        var entered = new StateEnteredEvent(Name, Definition.Type, input);
        scope.Publish(entered);
        var context = new StateContext { Execution = scope.Runtime.Info, StateName = Name, EnteredTime = entered.Timestamp, EnteredEventId = entered.Id };
        StateResult result;
        try
        {
            result = await ExecuteAsync(scope, context, input).ConfigureAwait(false);
            if (result.Failure is null)
            {
                scope.Runtime.CheckPayload(result.Output, Name, "output");
                scope.Publish(new StateExitedEvent(Name, Definition.Type, result.Output, Stopwatch.GetElapsedTime(started)));
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

    /// <summary>Next state, or null when the state ends its graph.</summary>
    protected StateResult Continue(JsonNode? output) => StateResult.Continue(output, Definition.End ? null : Definition.Next);
}
