namespace StepFunctions.Local.Core;

/// <summary>The predefined error names of the States Language and of AWS Step Functions.</summary>
public static class StatesErrors
{
    public const string All = "States.ALL";
    public const string Timeout = "States.Timeout";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string TaskFailed = "States.TaskFailed";
    public const string Permissions = "States.Permissions";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string BranchFailed = "States.BranchFailed";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string ItemReaderFailed = "States.ItemReaderFailed";
    public const string ResultWriterFailed = "States.ResultWriterFailed";
    public const string QueryEvaluationError = "States.QueryEvaluationError";
    public const string Runtime = "States.Runtime";
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>Terminal errors: AWS lets neither States.ALL nor any Retry/Catch handle them.</summary>
    public static bool IsTerminal(string error) => error is Runtime or DataLimitExceeded;

    /// <summary>Whether a Retrier/Catcher ErrorEquals entry matches an error, per the AWS error-handling rules.</summary>
    public static bool Matches(string pattern, string error)
    {
        if (IsTerminal(error))
        {
            return false;
        }
        return pattern switch
        {
            All => true,
            // AWS: States.TaskFailed is a wildcard for any known error except States.Timeout.
            TaskFailed => error is not Timeout,
            _ => string.Equals(pattern, error, StringComparison.Ordinal),
        };
    }
}

/// <summary>A failure with an ASL error name and cause. Thrown inside a state; the engine turns it into
/// retry, catch or execution failure.</summary>
public class StatesException : Exception
{
    public StatesException(string error, string? cause)
        : base(cause is null ? error : $"{error}: {cause}")
    {
        Error = error;
        Cause = cause;
    }

    public string Error { get; }
    public string? Cause { get; }

    public static StatesException Runtime(string cause) => new(StatesErrors.Runtime, cause);
}
