using System.Globalization;
using System.Text.Json.Nodes;

namespace StepFunctions.Local.Core;

/// <summary>The context object (<c>$$</c>) seen by one state. Built only for unusual paths: the common ones
/// (<c>$$.Execution.Input…</c>, <c>$$.Map.Item.Value…</c>) read the live nodes (see Paths.PathResolver).
/// A record, so a Map iteration's context is <c>context with { MapItemIndex = …, MapItemValue = … }</c>.</summary>
public sealed record StateContext
{
    public required ExecutionInfo Execution { get; init; }
    public required string StateName { get; init; }
    public required DateTimeOffset EnteredTime { get; init; }
    public long EnteredEventId { get; init; }
    public int RetryCount { get; set; }

    /// <summary>Task, Map and Parallel (the states that can retry) have <c>$$.State.RetryCount</c>; AWS gives the
    /// others no such field.</summary>
    public bool CountsRetries { get; init; }
    public string? TaskToken { get; set; }
    public int? MapItemIndex { get; set; }
    public JsonNode? MapItemValue { get; set; }

    /// <summary>The workflow variables the state sees (<c>$name</c> in paths and expressions).</summary>
    public VariableScope? Variables { get; init; }

    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Prefix AWS puts in front of run-time causes.</summary>
    public string CausePrefix =>
        $"An error occurred while executing the state '{StateName}' (entered at the event id #{EnteredEventId}). ";

    /// <summary>Builds the whole context object; only needed for unusual paths such as <c>$$</c> itself. Fields in
    /// the order AWS records them.</summary>
    public JsonObject Build()
    {
        var state = new JsonObject { ["Name"] = StateName, ["EnteredTime"] = FormatTime(EnteredTime) };
        if (CountsRetries)
        {
            state["RetryCount"] = RetryCount;
        }
        var execution = new JsonObject
        {
            ["Id"] = Execution.ExecutionArn,
            ["Input"] = Execution.Input?.DeepClone(),
            ["StartTime"] = FormatTime(Execution.StartTime),
            ["Name"] = Execution.Name,
            ["RoleArn"] = Execution.RoleArn,
            ["RedriveCount"] = Execution.RedriveCount,
        };
        if (Execution.RedriveTime is { } redriven)
        {
            execution["RedriveTime"] = FormatTime(redriven); // AWS: only once the execution has been redriven
        }
        var context = new JsonObject
        {
            ["Execution"] = execution,
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = Execution.StateMachineArn,
                ["Name"] = Execution.StateMachineName,
            },
            ["State"] = state,
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
        if (Execution.ContextOverlay is { } overlay)
        {
            Overlay(context, overlay);
        }
        return context;
    }

    /// <summary>The overlay's sections (Execution, State, ...) merge field by field; a field it gives replaces ours
    /// whole (a given <c>Execution.Input</c> is the input, not merged into it).</summary>
    private static void Overlay(JsonObject context, JsonObject overlay)
    {
        foreach (var (name, value) in overlay)
        {
            if (value is JsonObject section && context[name] is JsonObject existing)
            {
                foreach (var (field, fieldValue) in section)
                {
                    existing[field] = fieldValue?.DeepClone();
                }
            }
            else
            {
                context[name] = value?.DeepClone();
            }
        }
    }
}
