using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;

namespace StepFunctions.Local.States;

internal sealed class FailExecutor(FailStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var error = definition.ErrorPath is { } errorPath ? Text(errorPath, "ErrorPath", input, context) : definition.Error;
        var cause = definition.CausePath is { } causePath ? Text(causePath, "CausePath", input, context) : definition.Cause;
        return ValueTask.FromResult(StateResult.Fail(error ?? "", cause));
    }

    private static string Text(ValueExpression expression, string field, JsonNode? input, StateContext context)
    {
        var value = expression.Evaluate(input, context, field);
        return Json.IsString(value, out var text)
            ? text
            : throw StatesException.Runtime($"{context.CausePrefix}The value of {field} '{expression.Text}' must be a string, but is {Json.TypeName(value)}.");
    }
}
