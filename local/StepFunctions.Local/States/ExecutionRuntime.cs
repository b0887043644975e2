using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.States;

/// <summary>Everything shared by the states of one execution.</summary>
internal sealed class ExecutionRuntime
{
    public ExecutionRuntime(ExecutionInfo info, ExecutionOptions options)
    {
        Info = info;
        Options = options;
        History = options.RecordHistory ? new HistoryRecorder() : null;
        Replay = options.Replay is { } replay ? new ReplayLog(replay) : null;
        Events = new EventPublisher(info, History is null ? options.Subscribers : [History, .. options.Subscribers], options.MaxHistoryEvents, Replay?.LastId ?? 0);
    }

    public ExecutionInfo Info { get; }
    public ExecutionOptions Options { get; }
    public EventPublisher Events { get; }
    public HistoryRecorder? History { get; }

    /// <summary>The recorded history being continued, or null for a fresh execution.</summary>
    public ReplayLog? Replay { get; }
    public IResourceResolver? Resolver => Options.Resolver;

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
