namespace StepFunctions.Local.Integrations.EventBridge;

/// <summary>An EventBridge rule on a state machine's status changes with an SNS topic as target: which
/// statuses it matches (FAILED, TIMED_OUT, ABORTED, and SUCCEEDED when asked) and how the message is made.</summary>
public sealed record ExecutionNotification(string StateMachineArn, IReadOnlySet<string> Statuses, InputTransformer Transformer, string TopicArn);
