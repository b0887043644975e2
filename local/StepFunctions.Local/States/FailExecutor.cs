using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

internal sealed class FailExecutor(FailStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.Io.ReadInput(input, context, null);
        var error = definition.Error?.Resolve(effective, context);
        return ValueTask.FromResult(StateResult.Fail(error ?? "", definition.Cause?.Resolve(effective, context)));
    }
}
