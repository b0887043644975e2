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
    public required string Status { get; init; }
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
}

/// <summary>A history event as stored: the API's fields plus where it happened in the definition (the executor's
/// scope key, the state's visit, the state it went to next), which a restart or a redrive uses to skip what
/// already succeeded.</summary>
public sealed record StoredEvent(long Id, long PreviousId, DateTimeOffset Timestamp, string Type, string? DetailsName, string? Details)
{
    public string ScopeKey { get; init; } = "";
    public int Visit { get; init; }
    public string? Next { get; init; }

    /// <summary>The log lines the Lambda function wrote during the attempt this event ends (a JSON array of
    /// strings), or null. Kept beside the history, never in it: on AWS they are in CloudWatch Logs, and
    /// GetExecutionHistory keeps AWS's shape.</summary>
    public string? Logs { get; init; }
}

/// <summary>The log lines of one Lambda attempt, by the id of the history event that ended it.</summary>
public sealed record TaskLogs(long EventId, IReadOnlyList<string> Lines);
