using System.Diagnostics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>Runs one state: records Entered/Exited, notifies observers, turns errors into failures.
/// One instance per state, built once per definition.</summary>
internal abstract class StateExecutor
{
    private readonly string enteredType;
    private readonly string exitedType;

    protected StateExecutor(StateDefinition definition)
    {
        Definition = definition;
        enteredType = definition is FailStateDefinition ? "FailStateEntered" : definition.Type + "StateEntered";
        exitedType = definition.Type + "StateExited";
    }

    public StateDefinition Definition { get; }
    protected string Name => Definition.Name;

    public async ValueTask<StateResult> RunAsync(BranchScope scope, JsonNode? input)
    {
        var runtime = scope.Runtime;
        var started = Stopwatch.GetTimestamp();
        var now = DateTimeOffset.UtcNow;
        var enteredId = scope.Record(enteredType, "stateEnteredEventDetails",
            runtime.Recording ? BranchScope.Payload(Name, "input", input) : null);
        var context = new StateContext { Execution = runtime.Info, StateName = Name, EnteredTime = now, EnteredEventId = enteredId };
        foreach (var observer in runtime.Observers)
        {
            observer.OnStateEntered(new StateEnteredEvent(runtime.Info.ExecutionArn, Name, Definition.Type, scope.Path, input, now));
        }
        StateResult result;
        try
        {
            result = await ExecuteAsync(scope, context, input).ConfigureAwait(false);
            if (result.Failure is null)
            {
                runtime.CheckPayload(result.Output, Name, "output");
                scope.Record(exitedType, "stateExitedEventDetails", runtime.Recording ? BranchScope.Payload(Name, "output", result.Output) : null);
            }
        }
        catch (StatesException e)
        {
            result = StateResult.Fail(e.Error, e.Cause);
        }
        var duration = Stopwatch.GetElapsedTime(started);
        foreach (var observer in runtime.Observers)
        {
            if (result.Failure is { } failure)
            {
                observer.OnStateFailed(new StateFailedEvent(runtime.Info.ExecutionArn, Name, Definition.Type, scope.Path, failure.Error, failure.Cause, duration));
            }
            else
            {
                observer.OnStateExited(new StateExitedEvent(runtime.Info.ExecutionArn, Name, Definition.Type, scope.Path, result.Output, duration));
            }
        }
        return result;
    }

    protected abstract ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input);

    /// <summary>Next state, or null when the state ends its graph.</summary>
    protected StateResult Continue(JsonNode? output) => StateResult.Continue(output, Definition.End ? null : Definition.Next);
}
