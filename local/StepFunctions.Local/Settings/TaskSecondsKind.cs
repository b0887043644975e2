using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>A Task's TimeoutSeconds or HeartbeatSeconds: a positive integer up to 99,999,999. A path may find a
/// larger one, which is capped there.</summary>
public sealed class TaskSecondsKind(string field) : IntegerKind(field, 1, 99_999_999)
{
    public override string NotFound(JsonPath path) => NotPositive(path.Text);

    public override long FromPath(string path, JsonNode? value, StateContext context) =>
        Json.IsInteger(value, out var n) && n > 0
            ? Math.Min(n, Max)
            : throw StatesException.Runtime(context.CausePrefix + NotPositive(path));

    public override long FromQuery(string field, JsonNode? value, StateContext context) =>
        Json.IsInteger(value, out var n) && n >= Min && n <= Max
            ? n
            : throw QueryEvaluationException.Returned(field, value, "a positive integer", context);

    private string NotPositive(string path) => $"The {PathField} '{path}' does not reference a positive integer.";
}
