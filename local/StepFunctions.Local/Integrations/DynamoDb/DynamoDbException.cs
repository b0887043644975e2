namespace StepFunctions.Local.Integrations.DynamoDb;

/// <summary>
/// What the local tables refuse, named as DynamoDB names the error (<c>ConditionalCheckFailedException</c>,
/// <c>ResourceNotFoundException</c>, <c>ValidationException</c>) with DynamoDB's message. Each caller words it for its
/// wire: the Step Functions integration as the task error <c>DynamoDB.&lt;Code&gt;</c>, the local DynamoDB API as
/// its JSON error.
/// </summary>
public sealed class DynamoDbException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static DynamoDbException Validation(string message) => new("ValidationException", message);
}
