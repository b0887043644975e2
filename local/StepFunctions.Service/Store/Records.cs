using StepFunctions.Local.Execution;

namespace StepFunctions.Service.Store;

/// <summary>A state machine as DescribeStateMachine reports it. <see cref="Deployed"/> marks the project's
/// workflows, redeployed from terraform/templates/ at every start.</summary>
public sealed record StateMachineRecord(
    string Arn, string Name, string Type, string Definition, string RoleArn, DateTimeOffset Created,
    DateTimeOffset? Updated, string? RevisionId, bool Deployed);

/// <summary>An execution's row: what DescribeExecution and ListExecutions report, plus what a restart needs
/// (the definition it runs, its mock test case).</summary>
public sealed record ExecutionRecord
{
    public required string Arn { get; init; }
    public required string StateMachineArn { get; init; }
    public required string Name { get; init; }
    public required ExecutionStatus Status { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public required DateTimeOffset StartDate { get; init; }
    public DateTimeOffset? StopDate { get; init; }
    public required string Definition { get; init; }
    public required string RoleArn { get; init; }
    public string? TestCase { get; init; }
    public int RedriveCount { get; init; }
    public DateTimeOffset? RedriveDate { get; init; }
    public long Sequence { get; init; }

    /// <summary>What started the execution (schedule, event, api, console, cli, sdk, execution), or null for an execution
    /// stored before the server recorded it. Local only: DescribeExecution has no such member on AWS.</summary>
    public string? StartedBy { get; init; }
}

/// <summary>A history event as stored: the API's fields plus where it happened in the definition (the executor's
/// scope key, the state's visit, the state it went to next), which a restart or a redrive uses to skip what
/// already succeeded.</summary>
public sealed record StoredEvent(long Id, long PreviousId, DateTimeOffset Timestamp, string Type, string? DetailsName, string? Details)
{
    public string ScopeKey { get; init; } = "";
    public int Visit { get; init; }
    public string? Next { get; init; }

    /// <summary>What the Lambda attempt this event ends delivered to CloudWatch Logs, or empty. Stored beside the
    /// history, never in it, and read back with the Logs API, as on AWS.</summary>
    public IReadOnlyList<LogEventRecord> LogEvents { get; init; } = [];
}

/// <summary>A CloudWatch Logs event: its group and stream, its time and text (times in epoch milliseconds).
/// <see cref="Sequence"/> orders events of equal timestamps and is the API's <c>eventId</c>.</summary>
public sealed record LogEventRecord(string LogGroupName, string LogStreamName, long Timestamp, string Message)
{
    public long IngestionTime { get; init; }
    public long Sequence { get; init; }
}

/// <summary>A log group as DescribeLogGroups reports it.</summary>
public sealed record LogGroupRecord(string Name, long CreationTime, long StoredBytes);

/// <summary>A log stream as DescribeLogStreams reports it.</summary>
public sealed record LogStreamRecord(string Name, long FirstEventTimestamp, long LastEventTimestamp, long LastIngestionTime);
