using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.States;

internal sealed class FailExecutor(FailStateDefinition definition) : StateExecutor(definition)
{
    protected override ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        if (definition.IsJsonata)
        {
            return ValueTask.FromResult(StateResult.Fail(
                Text(definition.ErrorQuery, "Error", input, context) ?? "", Text(definition.CauseQuery, "Cause", input, context)));
        }
        var error = definition.ErrorPath is { } errorPath ? Text(errorPath, "ErrorPath", input, context) : definition.Error;
        var cause = definition.CausePath is { } causePath ? Text(causePath, "CausePath", input, context) : definition.Cause;
        return ValueTask.FromResult(StateResult.Fail(error ?? "", cause));
    }

    private static string? Text(QueryTemplate? query, string field, JsonNode? input, StateContext context)
    {
        if (query is null)
        {
            return null;
        }
        var value = query.Evaluate(QueryScope.For(input, context));
        return Json.IsString(value, out var text)
            ? text
            : throw new QueryEvaluationException(field, $"{context.CausePrefix}The JSONata expression specified for the field '{field}' returned {Json.TypeName(value)}, which is not a string.");
    }

    private static string Text(ValueExpression expression, string field, JsonNode? input, StateContext context)
    {
        var value = expression.Evaluate(input, context, field);
        return Json.IsString(value, out var text)
            ? text
            : throw StatesException.Runtime($"{context.CausePrefix}The value of {field} '{expression.Text}' must be a string, but is {Json.TypeName(value)}.");
    }
}
