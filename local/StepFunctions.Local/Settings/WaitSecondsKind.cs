using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>Wait's Seconds: 0 to 99,999,999 written or returned by an expression; SecondsPath only has to
/// find a non-negative integer (LocalStack's causes, see the README).</summary>
public sealed class WaitSecondsKind() : IntegerKind("Seconds", 0, 99_999_999)
{
    public override string NotFound(JsonPath path) => $"The {PathField} parameter does not reference an input value: {path.Text}";

    public override long FromPath(string path, JsonNode? value, StateContext context)
    {
        if (!Json.IsInteger(value, out var n))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The {PathField} parameter cannot be parsed as a long value: {path} == {Json.Describe(value)}");
        }
        return n >= 0 ? n : throw StatesException.Runtime($"{context.CausePrefix}The {PathField} parameter references a negative value: {path} == {n}");
    }

    public override long FromQuery(string field, JsonNode? value, StateContext context) =>
        Json.IsInteger(value, out var n) && n >= Min && n <= Max
            ? n
            : throw QueryEvaluationException.Returned(field, value, $"an integer between {Min} and {Max}", context);
}
