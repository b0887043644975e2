using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>The one place an execution's events go out: stamps each event (execution, scope, time, history id
/// and previous id), enforces AWS's history-size limit, and hands it to every subscriber in id order.</summary>
internal sealed class EventPublisher(ExecutionInfo execution, IReadOnlyList<IExecutionSubscriber> subscribers, int? maxEvents, long lastRecordedId = 0)
{
    private readonly IExecutionSubscriber[] subscribers = [.. subscribers];
    private readonly Lock gate = new();
    private long lastId = lastRecordedId;

    /// <summary>Returns the event's history id, or 0 when it is not a history event. The execution's final
    /// event is kept even past the limit so the failure itself is visible.</summary>
    public long Publish(ExecutionEvent e, string scope, string scopeKey, long previousEventId)
    {
        lock (gate)
        {
            e.Execution = execution;
            e.Scope = scope;
            e.ScopeKey = scopeKey;
            // The execution's last event follows the latest event of the whole history, as AWS records it
            // (e.g. ExecutionFailed after a Parallel's ResultSelector failed points at ParallelStateSucceeded).
            e.PreviousEventId = e.IsFinal && e.InHistory ? lastId : previousEventId;
            e.Timestamp = DateTimeOffset.UtcNow;
            if (e.InHistory)
            {
                var id = ++lastId;
                if (!e.IsFinal && maxEvents is { } max && id > max)
                {
                    throw new StatesException(StatesErrors.Runtime,
                        $"The execution reached the limit of {max} history events. Split the work into child executions or a Distributed Map.");
                }
                e.Id = id;
            }
            foreach (var subscriber in subscribers)
            {
                subscriber.OnEvent(e);
            }
            return e.Id;
        }
    }
}
