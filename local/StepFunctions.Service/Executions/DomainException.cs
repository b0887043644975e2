namespace StepFunctions.Service.Executions;

/// <summary>What the domain refuses. Each member is named as AWS names the error: the protocol answers it as that
/// API error code, and a child execution's task fails with <c>StepFunctions.&lt;name&gt;Exception</c>.</summary>
public enum DomainError
{
    InvalidName,
    InvalidArn,
    StateMachineDoesNotExist,
    ExecutionDoesNotExist,
    ExecutionAlreadyExists,
    ExecutionNotRedrivable,
    ThrottlingException,
}

/// <summary>A refusal of the domain (<see cref="DomainError"/>) with AWS's message; the protocol layer turns it into
/// the API's error.</summary>
public sealed class DomainException(DomainError error, string message) : Exception(message)
{
    public DomainError Error { get; } = error;

    /// <summary>The error's name as AWS spells it (the API's error code).</summary>
    public string Code => Error.ToString();

    /// <summary>The exception's class name in AWS's SDKs, which a task's error names (<c>StepFunctions.&lt;name&gt;</c>).</summary>
    public string ExceptionName => Code.EndsWith("Exception", StringComparison.Ordinal) ? Code : Code + "Exception";

    public static DomainException InvalidArn(string arn, string what) => new(DomainError.InvalidArn, $"Invalid Arn: '{what} ARN is malformed: {arn}'");

    public static DomainException StateMachineDoesNotExist(string arn) => new(DomainError.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{arn}'");

    public static DomainException ExecutionDoesNotExist(string arn) => new(DomainError.ExecutionDoesNotExist, $"Execution Does Not Exist: '{arn}'");

    public static DomainException ExecutionAlreadyExists(string arn) => new(DomainError.ExecutionAlreadyExists, $"Execution Already Exists: '{arn}'");

    public static DomainException NotRedrivable(string reason) => new(DomainError.ExecutionNotRedrivable, $"Execution is not redrivable: {reason}");

    /// <summary>AWS's answer to a request beyond a rate or a quota ("Rate exceeded"), here beyond one of the server's
    /// bounds: <paramref name="limit"/> says which, and which setting raises it.</summary>
    public static DomainException Throttling(string limit) => new(DomainError.ThrottlingException, $"Rate exceeded: {limit}");
}
