namespace Lambda.Local;

/// <summary>
/// The outcome of one invocation of a <see cref="LocalFunction"/>: exactly one of <see cref="Payload"/> (the
/// response JSON) or <see cref="Error"/> is set.
/// </summary>
/// <param name="Cold">This invocation started a new process (and so paid its init).</param>
/// <param name="InitDuration">Process start → first <c>next</c> call; set on cold invocations only.</param>
/// <param name="Duration">Event handed to the runtime → its answer (or the failure).</param>
/// <param name="Logs">Lines the process wrote (stdout and stderr) during this invocation, plus its init on a cold start.</param>
public sealed record InvocationResult(
    string RequestId,
    string? Payload,
    FunctionError? Error,
    bool Cold,
    TimeSpan? InitDuration,
    TimeSpan Duration,
    IReadOnlyList<string> Logs)
{
    public bool Succeeded => Error is null;

    /// <summary>What Lambda bills: a custom runtime pays for its init too, rounded up to the millisecond.</summary>
    public TimeSpan BilledDuration =>
        TimeSpan.FromMilliseconds(Math.Ceiling((Duration + (InitDuration ?? TimeSpan.Zero)).TotalMilliseconds));

    /// <summary>The log stream of the instance that ran the invocation; null when none ran (a rejected request).</summary>
    public string? LogStreamName { get; init; }

    /// <summary>How long the invocation waited for a free instance of its <see cref="LocalFunctionPool"/> (zero
    /// outside a pool). Not part of <see cref="Duration"/>: the function's timeout starts when an instance takes it.</summary>
    public TimeSpan QueueWait { get; init; }

    /// <summary>When the invocation ended (wall clock): the runtime's answer, else when the failure was seen. The
    /// event reached the runtime <see cref="Duration"/> earlier.</summary>
    public DateTimeOffset EndTime { get; init; } = DateTimeOffset.UtcNow;
}
