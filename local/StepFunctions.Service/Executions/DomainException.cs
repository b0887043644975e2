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
}

/// <summary>A refusal of the domain (<see cref="DomainError"/>) with AWS's message; the protocol layer turns it into
/// the API's error.</summary>
public sealed class DomainException(DomainError error, string message) : Exception(message)
{
    public DomainError Error { get; } = error;

    /// <summary>The error's name as AWS spells it (the API's error code).</summary>
    public string Code => Error.ToString();

    public static DomainException InvalidArn(string arn, string what) => new(DomainError.InvalidArn, $"Invalid Arn: '{what} ARN is malformed: {arn}'");

    public static DomainException StateMachineDoesNotExist(string arn) => new(DomainError.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{arn}'");

    public static DomainException ExecutionDoesNotExist(string arn) => new(DomainError.ExecutionDoesNotExist, $"Execution Does Not Exist: '{arn}'");

    public static DomainException ExecutionAlreadyExists(string arn) => new(DomainError.ExecutionAlreadyExists, $"Execution Already Exists: '{arn}'");

    public static DomainException NotRedrivable(string reason) => new(DomainError.ExecutionNotRedrivable, $"Execution is not redrivable: {reason}");
}
