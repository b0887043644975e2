namespace Lambda.Local;

/// <summary>What the runtime answered for one invocation: a response body or an error.</summary>
/// <param name="CompletedTimestamp"><see cref="System.Diagnostics.Stopwatch"/> timestamp when the answer arrived.</param>
public sealed record RuntimeOutcome(string RequestId, byte[]? Response, FunctionError? Error, long CompletedTimestamp);

/// <summary>An invocation queued on a <see cref="RuntimeApiServer"/>, waiting for the runtime's <c>next</c>.</summary>
public sealed class PendingInvocation(string requestId, byte[] payload, TimeSpan timeout, string traceId)
{
    public string RequestId { get; } = requestId;
    public byte[] Payload { get; } = payload;
    public TimeSpan Timeout { get; } = timeout;
    public string TraceId { get; } = traceId;

    /// <summary>Completes with the Stopwatch timestamp at which a runtime received the event.</summary>
    public TaskCompletionSource<long> Dispatched { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<RuntimeOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
