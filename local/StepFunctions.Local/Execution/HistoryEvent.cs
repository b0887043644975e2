using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Execution;

/// <summary>One event as GetExecutionHistory returns it: <c>id</c>, <c>previousEventId</c>, <c>timestamp</c>,
/// <c>type</c>, and one camelCase <c>*EventDetails</c> object.</summary>
public sealed class HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, string? detailsName, EventDetails? details)
{
    private JsonObject? json;

    public long Id { get; } = id;
    public long PreviousEventId { get; } = previousEventId;
    public DateTimeOffset Timestamp { get; } = timestamp;
    public string Type { get; } = type;

    /// <summary>The name of the details field, e.g. <c>stateEnteredEventDetails</c>; null when the type has none.</summary>
    public string? DetailsName { get; } = detailsName;

    /// <summary>The details object (built on first read).</summary>
    public JsonObject? Details => details is null ? null : json ??= details.ToJson();

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
