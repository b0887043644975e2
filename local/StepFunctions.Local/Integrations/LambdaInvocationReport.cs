using Aws.Local;

namespace StepFunctions.Local.Integrations;

/// <summary>
/// What a Lambda invocation reports besides its payload. An invoker that runs real functions writes it (the
/// packaged bootstraps' invoker of Workflows.Local); the attempt's <see cref="TaskInvocation"/> carries it to the
/// task's succeeded or failed event, where make run's terminal view prints it and the local service stores its
/// log events. Here, not beside the Lambda integration, because the execution's events carry it too.
/// </summary>
/// <param name="RequestId">The invocation's request id, as the function saw and logged it.</param>
/// <param name="ColdStart">The invocation started a new instance, and so paid its init.</param>
/// <param name="InitDuration">The new instance's init; cold starts only.</param>
/// <param name="Duration">The event handed to the function → its answer (or the failure).</param>
/// <param name="BilledDuration">What Lambda bills for it, as its REPORT line says.</param>
/// <param name="Lines">The lines the function wrote during the invocation, and during its init on a cold start.</param>
/// <param name="LogStream">What Lambda would have delivered to CloudWatch Logs; null when no instance ran.</param>
/// <param name="Pool">The function's instance pool as this invocation left it; null when the invoker has none.</param>
public sealed record LambdaInvocationReport(
    string RequestId,
    bool ColdStart,
    TimeSpan? InitDuration,
    TimeSpan Duration,
    TimeSpan BilledDuration,
    IReadOnlyList<string> Lines,
    LambdaLogStream? LogStream,
    LambdaPoolReport? Pool = null);

/// <summary>The local host's instance pool of a function, seen from one invocation.</summary>
/// <param name="QueueWait">How long this invocation waited for a free instance (not part of its Duration).</param>
/// <param name="Instances">The function's instances so far.</param>
/// <param name="Bound">The most instances it may have (its concurrency).</param>
/// <param name="ColdStarts">The function's cold starts so far.</param>
public sealed record LambdaPoolReport(TimeSpan QueueWait, int Instances, int Bound, int ColdStarts);

/// <summary>The log stream of the instance that ran an invocation, in the function's log group, with the events
/// the invocation delivered there: START, the function's lines, END and REPORT.</summary>
public sealed record LambdaLogStream(string GroupName, string StreamName, IReadOnlyList<LogEvent> Events);
