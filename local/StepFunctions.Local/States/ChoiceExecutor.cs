using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

internal sealed class ChoiceExecutor(ChoiceStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        // JSONata conditions read $states.input; JSONPath ones the effective input.
        var effective = definition.IsJsonata ? input : definition.InputPath.Apply(input, context);
        var matched = definition.Choices.FirstOrDefault(rule => rule.Condition.Evaluate(effective, context));
        var next = matched?.Next ?? definition.Default
            ?? throw new StatesException(StatesErrors.NoChoiceMatched,
                $"{context.CausePrefix}No Choice rule matched the input and the state has no Default.");
        // A matched rule brings its own Output and Assign; the state's apply when Default is taken.
        var output = matched is null ? definition.Output : matched.Output;
        var assign = matched is null ? definition.Assign : matched.Assign;
        if (definition.IsJsonata)
        {
            var (value, assigned) = Conclude(output, assign, input, context);
            return ValueTask.FromResult(StateResult.Continue(value, next, assigned));
        }
        return ValueTask.FromResult(StateResult.Continue(definition.OutputPath.Apply(effective, context), next, AssignPaths(assign, effective, context)));
    }
}
