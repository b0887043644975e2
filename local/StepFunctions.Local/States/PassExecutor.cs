using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

/// <summary>Pass: passes its value (JSONPath: Result or Parameters) or its input on.</summary>
internal sealed class PassExecutor(PassStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var inspect = Inspection(scope);
        var effective = definition.Io.ReadInput(input, context, inspect);
        var value = definition.Io.BuildArguments(input, effective, context, inspect);
        // AWS's TestState reports a JSONPath Pass's value as afterResultSelector too (a Pass has no selector).
        if (definition.Io is InputOutput.JsonPathIo)
        {
            inspect?.Invoke(InputOutput.InspectionStage.AfterResultSelector, value);
        }
        return ValueTask.FromResult(Continue(definition.Io.Conclude(input, value, context, inspect)));
    }
}
