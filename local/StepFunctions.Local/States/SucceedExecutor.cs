using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

internal sealed class SucceedExecutor(SucceedStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.Io.ReadInput(input, context, null);
        return ValueTask.FromResult(StateResult.Continue(definition.Io.Conclude(input, effective, context, null).Output, null));
    }
}
