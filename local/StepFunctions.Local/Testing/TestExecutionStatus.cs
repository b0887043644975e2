namespace StepFunctions.Local.Testing;

/// <summary>TestState's status, AWS's <c>TestExecutionStatus</c>: the state succeeded, failed, failed with an error
/// a Retrier matches (Retry is not run), or failed into one of its Catchers.</summary>
public enum TestExecutionStatus
{
    Succeeded,
    Failed,
    Retriable,
    CaughtError,
}

public static class TestExecutionStatusExtensions
{
    public static string ToApiName(this TestExecutionStatus status) => status switch
    {
        TestExecutionStatus.Succeeded => "SUCCEEDED",
        TestExecutionStatus.Failed => "FAILED",
        TestExecutionStatus.Retriable => "RETRIABLE",
        TestExecutionStatus.CaughtError => "CAUGHT_ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a TestState status."),
    };
}
