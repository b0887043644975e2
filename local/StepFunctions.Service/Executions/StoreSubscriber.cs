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
        var stored = ExecutionManager.ToStored(e);
        if (e is ExecutionEndedEvent ended)
        {
            var (error, cause) = ended.Status == ExecutionStatus.Aborted && StopReason is { } reason ? reason : (ended.Error, ended.Cause);
            if (ended.Status == ExecutionStatus.Aborted && StopReason is not null)
            {
                stored = stored with { Details = Json.Serialize(new System.Text.Json.Nodes.JsonObject { ["error"] = error, ["cause"] = cause }) };
            }
            Volatile.Write(ref lastWrite, store.CompleteExecutionAsync(executionSequence, [stored], ExecutionManager.StatusText(ended.Status),
                ended.Status == ExecutionStatus.Succeeded ? Json.Serialize(ended.Output) : null, error, cause, e.Timestamp));
        }
        else
        {
            Volatile.Write(ref lastWrite, store.AppendEventsAsync(executionSequence, [stored]));
        }
    }

    public ValueTask CheckpointAsync(CancellationToken cancellationToken) => new(Volatile.Read(ref lastWrite).WaitAsync(cancellationToken));
}
