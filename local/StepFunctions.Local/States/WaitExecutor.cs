using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

internal sealed class WaitExecutor(WaitStateDefinition definition) : StateExecutor(definition)
{
    protected override async ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.Io.ReadInput(input, context, null);
        var seconds = definition.Seconds is { } wait
            ? wait.Resolve(effective, context)
            : (definition.Timestamp!.Resolve(effective, context) - DateTimeOffset.UtcNow).TotalSeconds;
        await scope.Runtime.DelayAsync(seconds, scope.Token).ConfigureAwait(false);
        return Continue(definition.Io.Conclude(input, effective, context, null));
    }
}
