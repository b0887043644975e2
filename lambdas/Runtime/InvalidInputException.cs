namespace Lambdas.Runtime;

/// <summary>
/// The event does not fit the handler's contract. Reported with errorType "InvalidInputException" so a
/// workflow can Catch it by name; the message says what was wrong and what is allowed.
/// </summary>
public sealed class InvalidInputException(string message) : Exception(message);
