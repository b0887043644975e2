using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Execution;

/// <summary>Everything shared by the states of one execution.</summary>
internal sealed class ExecutionRuntime
{
    public ExecutionRuntime(ExecutionInfo info, ExecutionOptions options)
    {
        Info = info;
        Options = options;
        History = new HistoryRecorder(options.RecordHistory, options.MaxHistoryEvents);
        Observers = [.. options.Observers];
    }

    public ExecutionInfo Info { get; }
    public ExecutionOptions Options { get; }
    public HistoryRecorder History { get; }
    public ExecutionObserver[] Observers { get; }
    public IResourceResolver? Resolver => Options.Resolver;
    public bool Recording => History.Enabled;

    public Task DelayAsync(double seconds, CancellationToken token)
    {
        var scale = Options.TimeScale;
        return scale <= 0 || seconds <= 0 ? Task.CompletedTask : Durations.DelayAsync(TimeSpan.FromSeconds(seconds * scale), token);
    }

    /// <summary>Enforces AWS's payload size limit. A cheap upper bound settles small payloads; only large ones
    /// are measured exactly.</summary>
    public void CheckPayload(JsonNode? node, string stateName, string what)
    {
        if (Options.MaxPayloadBytes is not { } max || Json.FitsWithin(node, max) || Json.ByteSize(node) <= max)
        {
            return;
        }
        throw new StatesException(StatesErrors.DataLimitExceeded,
            $"The state/task '{stateName}' returned a {what} with a size exceeding the maximum number of bytes service limit.");
    }
}

/// <summary>A thread of control: the top level, one Parallel branch, or one Map iteration. Keeps its own
/// previousEventId chain and cancellation (a failing sibling cancels the others).</summary>
internal sealed class BranchScope(ExecutionRuntime runtime, CancellationToken token, long lastEventId, string path)
{
    public ExecutionRuntime Runtime { get; } = runtime;
    public CancellationToken Token { get; } = token;
    public long LastEventId { get; private set; } = lastEventId;

    /// <summary>Where this branch sits, for observers ("" at top level).</summary>
    public string Path { get; } = path;

    public long Record(string type, string? detailsName, EventDetails? details, bool final = false)
    {
        var id = Runtime.History.Add(type, LastEventId, detailsName, details, final);
        LastEventId = id;
        return id;
    }

    public BranchScope Child(CancellationToken token, string path) => new(Runtime, token, LastEventId, path);

    /// <summary>After branches join, the next event follows the latest event any of them recorded.</summary>
    public void Join(IEnumerable<BranchScope> children)
    {
        foreach (var child in children)
        {
            Follow(child.LastEventId);
        }
    }

    public void Follow(long eventId) => LastEventId = Math.Max(LastEventId, eventId);

    public static EventDetails Payload(string name, string field, JsonNode? node) =>
        EventDetails.Of((field, new LazyJson(node)), (field + "Details", EventDetails.NotTruncated), ("name", name));
}
