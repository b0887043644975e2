using System.Text.Json.Nodes;

namespace StepFunctions.Local.Execution;

/// <summary>What DescribeExecution would say, plus the history. The history refers to the same (immutable)
/// nodes as <see cref="Output"/> and the input: DeepClone them before changing them.</summary>
public sealed class ExecutionResult
{
    public required string ExecutionArn { get; init; }
    public required ExecutionStatus Status { get; init; }
    public JsonNode? Output { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public required DateTimeOffset StartDate { get; init; }
    public required DateTimeOffset StopDate { get; init; }
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>The status as the API spells it: SUCCEEDED, FAILED, TIMED_OUT, ABORTED.</summary>
    public string StatusText => Status.ToApiName();

    /// <summary><c>{"events": [...]}</c>, the shape of GetExecutionHistory's response.</summary>
    public JsonObject HistoryToJson()
    {
        var events = new JsonArray();
        foreach (var e in History)
        {
            events.Add(e.ToJson());
        }
        return new JsonObject { ["events"] = events };
    }
}
