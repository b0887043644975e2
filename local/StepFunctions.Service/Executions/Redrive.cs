using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>AWS's <c>ExecutionRedriveStatus</c>. REDRIVABLE_BY_MAP_RUN belongs to Distributed Map runs, which do not
/// exist here, so no execution is ever in it.</summary>
public enum RedriveStatus
{
    Redrivable,
    NotRedrivable,
    RedrivableByMapRun,
}

/// <summary>Whether an execution can be redriven, by AWS's rule, and the API's names for the answer.</summary>
public static class Redrive
{
    /// <summary>How long after its end an execution stays redrivable.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);

    public static string ToApiName(this RedriveStatus status) => status switch
    {
        RedriveStatus.Redrivable => "REDRIVABLE",
        RedriveStatus.NotRedrivable => "NOT_REDRIVABLE",
        RedriveStatus.RedrivableByMapRun => "REDRIVABLE_BY_MAP_RUN",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a redrive status."),
    };

    /// <summary>AWS's rule: only an execution that ended FAILED, TIMED_OUT or ABORTED in the last 14 days; the reason
    /// (AWS's <c>redriveStatusReason</c>) says why not.</summary>
    public static (RedriveStatus Status, string? Reason) Of(ExecutionRecord execution) => execution.Status switch
    {
        ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted when execution.StopDate < DateTimeOffset.UtcNow - Window =>
            (RedriveStatus.NotRedrivable, "Execution was stopped more than 14 days ago and cannot be redriven"),
        ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted => (RedriveStatus.Redrivable, null),
        var status => (RedriveStatus.NotRedrivable, NotEnded(status)),
    };

    /// <summary>The reason an execution that has not ended cannot be redriven.</summary>
    public static string NotEnded(ExecutionStatus status) => $"Execution is {status.ToApiName()} and cannot be redriven";
}
