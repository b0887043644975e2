using System.Globalization;
using System.Text.Json.Nodes;

namespace StepFunctions.Local.Execution;

/// <summary>One event as GetExecutionHistory returns it: <c>id</c>, <c>previousEventId</c>, <c>timestamp</c>,
/// <c>type</c>, and one camelCase <c>*EventDetails</c> object.</summary>
public sealed record HistoryEvent(long Id, long PreviousEventId, DateTimeOffset Timestamp, string Type, string? DetailsName, JsonObject? Details)
{
    public JsonObject ToJson()
    {
        var obj = new JsonObject
        {
            ["timestamp"] = Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["type"] = Type,
            ["id"] = Id,
            ["previousEventId"] = PreviousEventId,
        };
        if (DetailsName is not null && Details is not null)
        {
            obj[DetailsName] = Details.DeepClone();
        }
        return obj;
    }
}
