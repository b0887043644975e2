using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>
/// Writes an execution's history events to the store as the executor publishes them, and closes the execution
/// (final event and status in one transaction). <see cref="CheckpointAsync"/> is the executor's checkpoint:
/// it completes once everything published so far has committed, so no step starts before the history that
/// led to it is durable.
/// </summary>
internal sealed class StoreSubscriber(SqliteStore store, long executionSequence) : IExecutionSubscriber
{
    private Task lastWrite = Task.CompletedTask;

    /// <summary>Set when the server stops: later events are not written, so the execution stays RUNNING and
    /// resumes at the next start instead of being recorded as aborted.</summary>
    public volatile bool Detached;

    /// <summary>StopExecution's error and cause, which the ExecutionAborted event and the execution report.</summary>
    public (string? Error, string? Cause)? StopReason { get; set; }

    public void OnEvent(ExecutionEvent e)
    {
        if (!e.InHistory || Detached)
        {
            return;
        }
        var stored = ToStored(e);
        if (e is ExecutionEndedEvent ended)
        {
            var (error, cause) = ended.Status == ExecutionStatus.Aborted && StopReason is { } reason ? reason : (ended.Error, ended.Cause);
            if (ended.Status == ExecutionStatus.Aborted && StopReason is not null)
            {
                stored = stored with { Details = Json.Serialize(new JsonObject { ["error"] = error, ["cause"] = cause }) };
            }
            Volatile.Write(ref lastWrite, store.CompleteExecutionAsync(executionSequence, [stored], ended.Status,
                ended.Status == ExecutionStatus.Succeeded ? Json.Serialize(ended.Output) : null, error, cause, e.Timestamp));
        }
        else
        {
            Volatile.Write(ref lastWrite, store.AppendEventsAsync(executionSequence, [stored]));
        }
    }

    /// <summary>Completes once this execution's events so far are committed and the store's backlog has room (its
    /// back-pressure: no execution runs ahead of what the writer can commit).</summary>
    public async ValueTask CheckpointAsync(CancellationToken cancellationToken)
    {
        await Volatile.Read(ref lastWrite).WaitAsync(cancellationToken).ConfigureAwait(false);
        await store.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The event as its row: the API's fields, where it happened in the definition (what a replay needs)
    /// and the log lines of the Lambda attempt it ends.</summary>
    internal static StoredEvent ToStored(ExecutionEvent e)
    {
        var history = e.ToHistoryEvent();
        return new StoredEvent(history.Id, history.PreviousEventId, history.Timestamp, history.Type, history.DetailsName,
            history.Details is null ? null : Json.Serialize(history.Details))
        {
            ScopeKey = e.ScopeKey,
            Visit = e switch { StateEnteredEvent entered => entered.Visit, StateExitedEvent exited => exited.Visit, _ => 0 },
            Next = (e as StateExitedEvent)?.Next,
            LogEvents = LogEventsOf(e),
        };
    }

    /// <summary>What a Lambda attempt delivered to CloudWatch Logs (its report's log stream); empty for every other event.</summary>
    private static IReadOnlyList<LogEventRecord> LogEventsOf(ExecutionEvent e) =>
        (e switch { TaskSucceededEvent s => s.Lambda, TaskFailedEvent f => f.Lambda, _ => null })?.LogStream is { } stream
            ? [.. stream.Events.Select(log => new LogEventRecord(stream.GroupName, stream.StreamName, log.Timestamp.ToUnixTimeMilliseconds(), log.Message))]
            : [];
}
