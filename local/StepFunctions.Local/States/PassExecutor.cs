using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

internal sealed class PassExecutor(PassStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        if (definition.IsJsonata)
        {
            var (value, assigned) = Conclude(definition.Output, definition.Assign, input, context);
            return ValueTask.FromResult(Continue(value, assigned));
        }
        var effective = definition.InputPath.Apply(input, context);
        Inspect(scope, "afterInputPath", effective);
        var result = definition.HasResult
            ? definition.Result?.DeepClone()
            : definition.Parameters is { } parameters ? parameters.Build(effective, context) : effective;
        Inspect(scope, "afterParameters", result);
        var output = definition.ResultPath.Apply(input, result, context);
        Inspect(scope, "afterResultPath", output);
        return ValueTask.FromResult(Continue(definition.OutputPath.Apply(output, context), AssignPaths(definition.Assign, result, context)));
    }
}
