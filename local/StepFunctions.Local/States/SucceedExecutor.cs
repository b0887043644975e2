using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

internal sealed class SucceedExecutor(SucceedStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        if (definition.IsJsonata)
        {
            return ValueTask.FromResult(StateResult.Continue(Conclude(definition.Output, null, input, context).Output, null));
        }
        var effective = definition.InputPath.Apply(input, context);
        return ValueTask.FromResult(StateResult.Continue(definition.OutputPath.Apply(effective, context), null));
    }
}
