using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>Wait's Timestamp: an RFC 3339 timestamp with an offset (TimestampPath's causes as recorded from AWS).</summary>
public sealed class TimestampKind() : SettingKind<DateTimeOffset>("Timestamp")
{
    public override bool TryLiteral(JsonNode? node, out DateTimeOffset value, out string problem)
    {
        value = default;
        if (!Literals.String(node, Field, out var text, out problem))
        {
            return false;
        }
        if (Timestamps.TryParse(text, out value))
        {
            return true;
        }
        problem = $"Timestamp '{text}' is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z.";
        return false;
    }

    public override string NotFound(JsonPath path) => $"The {PathField} parameter does not reference an input value: {path.Text}";

    public override DateTimeOffset FromPath(string path, JsonNode? value, StateContext context) =>
        Json.IsString(value, out var text) && Timestamps.TryParse(text, out var parsed)
            ? parsed
            : throw StatesException.Runtime($"{context.CausePrefix}The {PathField} parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {Json.Describe(value)}");

    public override DateTimeOffset FromQuery(string field, JsonNode? value, StateContext context) =>
        Json.IsString(value, out var text) && Timestamps.TryParse(text, out var parsed)
            ? parsed
            : throw QueryEvaluationException.Returned(field, value, "an ISO-8601 timestamp such as 2016-03-14T01:59:00Z", context);
}
