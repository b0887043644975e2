namespace StepFunctions.Local.Execution;

/// <summary>An execution's status, AWS's <c>ExecutionStatus</c>. An ended run is one of the first four; the
/// service's stored executions are also <see cref="Running"/>, and <see cref="PendingRedrive"/> is a status AWS
/// lists and filters by (no execution here is ever in it). The members keep their order so the default stays
/// <see cref="Succeeded"/>.</summary>
public enum ExecutionStatus
{
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
    Running,
    PendingRedrive,
}

public static class ExecutionStatusExtensions
{
    /// <summary>Every status in the order AWS's API reference lists them (the statusFilter enum's message).</summary>
    public static IReadOnlyList<ExecutionStatus> All { get; } =
    [
        ExecutionStatus.Running, ExecutionStatus.Succeeded, ExecutionStatus.Failed, ExecutionStatus.TimedOut,
        ExecutionStatus.Aborted, ExecutionStatus.PendingRedrive,
    ];

    /// <summary>The status as the API spells it: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE.</summary>
    public static string ToApiName(this ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.PendingRedrive => "PENDING_REDRIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an execution status."),
    };

    /// <summary>The status of an API name (as <see cref="ToApiName"/> spells it); false for anything else.</summary>
    public static bool TryParseApiName(string? name, out ExecutionStatus status)
    {
        foreach (var candidate in All)
        {
            if (candidate.ToApiName() == name)
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>The status of an API name the program itself wrote (a stored row); anything else is a broken store.</summary>
    public static ExecutionStatus ParseApiName(string name) =>
        TryParseApiName(name, out var status) ? status : throw new FormatException($"'{name}' is not an execution status (one of {string.Join(", ", All.Select(s => s.ToApiName()))}).");
}
