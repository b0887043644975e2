using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

internal sealed class ChoiceExecutor(ChoiceStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.Io.ReadInput(input, context, null);
        var matched = definition.Choices.FirstOrDefault(rule => rule.Condition.Evaluate(effective, context));
        var next = matched?.Next ?? definition.Default
            ?? throw new StatesException(StatesErrors.NoChoiceMatched,
                $"{context.CausePrefix}No Choice rule matched the input and the state has no Default.");
        // A matched rule ends the state its own way (its Assign, its Output); the state's apply when Default is taken.
        var (output, assigned) = (matched?.Io ?? definition.Io).Conclude(input, effective, context, null);
        return ValueTask.FromResult(StateResult.Continue(output, next, assigned));
    }
}
