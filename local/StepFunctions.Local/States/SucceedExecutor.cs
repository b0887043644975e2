using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

internal sealed class SucceedExecutor(SucceedStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.InputPath.Apply(input, context);
        return ValueTask.FromResult(StateResult.Continue(definition.OutputPath.Apply(effective, context), null));
    }
}
