using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>Fail's Error and Cause: a string, read by ErrorPath/CausePath (a path or an intrinsic function).</summary>
public sealed class TextKind(string field) : SettingKind<string>(field)
{
    /// <summary>In JSONata every value is compiled: a plain string is a literal template, anything else fails
    /// when the state runs.</summary>
    public override bool IsQuery(JsonNode? node) => true;

    public override bool TryLiteral(JsonNode? node, out string value, out string problem) =>
        Literals.String(node, Field, out value, out problem);

    public override string FromPath(string path, JsonNode? value, StateContext context) =>
        Json.IsString(value, out var text)
            ? text
            : throw StatesException.Runtime($"{context.CausePrefix}The value of {PathField} '{path}' must be a string, but is {Json.TypeName(value)}.");

    public override string FromQuery(string field, JsonNode? value, StateContext context) =>
        Json.IsString(value, out var text)
            ? text
            : throw new QueryEvaluationException(field, $"{context.CausePrefix}The JSONata expression specified for the field '{field}' returned {Json.TypeName(value)}, which is not a string.");
}
