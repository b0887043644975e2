using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

internal sealed class PassExecutor(PassStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.InputPath.Apply(input, context);
        Inspect(scope, "afterInputPath", effective);
        var result = definition.HasResult
            ? definition.Result?.DeepClone()
            : definition.Parameters is { } parameters ? parameters.Build(effective, context) : effective;
        Inspect(scope, "afterParameters", result);
        var output = definition.ResultPath.Apply(input, result, context);
        Inspect(scope, "afterResultPath", output);
        return ValueTask.FromResult(Continue(definition.OutputPath.Apply(output, context)));
    }
}
