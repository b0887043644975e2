using System.Text;
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
        return scale <= 0 || seconds <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(seconds * scale), token);
    }

    /// <summary>Serialises a payload for history (when recording) and enforces AWS's size limit.</summary>
    public string? CheckPayload(JsonNode? node, string stateName, string what)
    {
        string? text = null;
        int size;
        if (Recording)
        {
            text = Json.Serialize(node);
            if (Options.MaxPayloadBytes is null)
            {
                return text;
            }
            size = text.Length <= Options.MaxPayloadBytes / 3 ? text.Length : Encoding.UTF8.GetByteCount(text);
        }
        else if (Options.MaxPayloadBytes is null)
        {
            return null;
        }
        else
        {
            size = Json.ByteSize(node);
        }
        if (size > Options.MaxPayloadBytes)
        {
            throw new StatesException(StatesErrors.DataLimitExceeded,
                $"The state/task '{stateName}' returned a {what} with a size exceeding the maximum number of bytes service limit.");
        }
        return text;
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

    public long Record(string type, string? detailsName, JsonObject? details, bool final = false)
    {
        var id = Runtime.History.Add(type, LastEventId, detailsName, details, final);
        LastEventId = id;
        return id;
    }

    public BranchScope Child(CancellationToken token, string path) => new(Runtime, token, LastEventId, path);

    public static JsonObject Payload(string name, string field, string? text) => new()
    {
        [field] = text,
        [field + "Details"] = new JsonObject { ["truncated"] = false },
        ["name"] = name,
    };
}
