using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Execution;

/// <summary>The context object (<c>$$</c>) seen by one state. Evaluated lazily: the common paths
/// (<c>$$.Execution.Input…</c>, <c>$$.Map.Item.Value…</c>) read the live nodes without building anything.</summary>
public sealed class StateContext
{
    public required ExecutionInfo Execution { get; init; }
    public required string StateName { get; init; }
    public required DateTimeOffset EnteredTime { get; init; }
    public long EnteredEventId { get; init; }
    public int RetryCount { get; set; }
    public string? TaskToken { get; set; }
    public int? MapItemIndex { get; set; }
    public JsonNode? MapItemValue { get; set; }

    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Prefix AWS puts in front of run-time causes.</summary>
    public string CausePrefix =>
        $"An error occurred while executing the state '{StateName}' (entered at the event id #{EnteredEventId}). ";

    public bool TryEvaluate(JsonPath path, out JsonNode? result)
    {
        if (path.SegmentCount >= 2 && IsProperty(path, 0, "Execution") && IsProperty(path, 1, "Input"))
        {
            return path.TryEvaluate(Execution.Input, 2, out result);
        }
        if (path.SegmentCount >= 3 && IsProperty(path, 0, "Map") && IsProperty(path, 1, "Item") && IsProperty(path, 2, "Value"))
        {
            if (MapItemIndex is null)
            {
                result = null;
                return false;
            }
            return path.TryEvaluate(MapItemValue, 3, out result);
        }
        return path.TryEvaluate(Build(), 0, out result);
    }

    private static bool IsProperty(JsonPath path, int index, string name)
    {
        var segment = path.Segment(index);
        return segment.Kind == SegmentKind.Property && segment.Name == name;
    }

    /// <summary>Builds the whole context object; only needed for unusual paths such as <c>$$</c> itself.</summary>
    public JsonObject Build()
    {
        var context = new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = Execution.ExecutionArn,
                ["Input"] = Execution.Input?.DeepClone(),
                ["Name"] = Execution.Name,
                ["RoleArn"] = Execution.RoleArn,
                ["StartTime"] = FormatTime(Execution.StartTime),
                ["RedriveCount"] = Execution.RedriveCount,
            },
            ["State"] = new JsonObject
            {
                ["EnteredTime"] = FormatTime(EnteredTime),
                ["Name"] = StateName,
                ["RetryCount"] = RetryCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = Execution.StateMachineArn,
                ["Name"] = Execution.StateMachineName,
            },
        };
        if (TaskToken is not null)
        {
            context["Task"] = new JsonObject { ["Token"] = TaskToken };
        }
        if (MapItemIndex is { } index)
        {
            context["Map"] = new JsonObject
            {
                ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = MapItemValue?.DeepClone() },
            };
        }
        return context;
    }
}
