using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

internal sealed class ChoiceExecutor(ChoiceStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.InputPath.Apply(input, context);
        var next = definition.Default;
        foreach (var rule in definition.Choices)
        {
            if (rule.Condition.Evaluate(effective, context))
            {
                next = rule.Next;
                break;
            }
        }
        if (next is null)
        {
            throw new StatesException(StatesErrors.NoChoiceMatched,
                $"{context.CausePrefix}No Choice rule matched the input and the state has no Default.");
        }
        return ValueTask.FromResult(StateResult.Continue(definition.OutputPath.Apply(effective, context), next));
    }
}
