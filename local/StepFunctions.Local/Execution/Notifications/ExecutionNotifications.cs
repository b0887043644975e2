using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations.EventBridge;
using StepFunctions.Local.Integrations.Sns;

namespace StepFunctions.Local.Execution.Notifications;

/// <summary>
/// The event sink for execution status changes: fed by the executor's events (subscribe it in
/// <see cref="ExecutionOptions.Subscribers"/>, of parent and child executions alike), it turns an execution's
/// end into the EventBridge event, matches it against the rules and delivers each matching rule's transformed
/// message to the SNS outbox, as the deployed rule → topic does. Thread-safe; never throws into the execution
/// (EventBridge delivery is best effort too): a failed delivery is reported to <paramref name="onError"/>.
/// </summary>
public sealed class ExecutionNotifications(IReadOnlyList<ExecutionNotification> rules, ISnsOutbox outbox, Action<Exception>? onError = null) : IExecutionSubscriber
{
    public void OnEvent(ExecutionEvent e)
    {
        if (e is not ExecutionEndedEvent ended)
        {
            return;
        }
        JsonObject? statusChange = null;
        foreach (var rule in rules)
        {
            if (rule.StateMachineArn != ended.Execution.StateMachineArn || !rule.Statuses.Contains(ended.Status.ToApiName()))
            {
                continue;
            }
            try
            {
                statusChange ??= ExecutionStatusChange.Of(ended);
                var message = new SnsMessage(Guid.NewGuid().ToString(), rule.TopicArn, rule.Transformer.Apply(statusChange), null, [], ended.Timestamp);
                // The execution's end waits for the file append, so the notice is there when the run returns.
                outbox.AppendAsync(message, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
            {
                onError?.Invoke(error);
            }
        }
    }
}
