namespace Lambdas.Even;

/// <summary>The number is odd. A workflow catches this by name ("WrongParityException").</summary>
public sealed class WrongParityException(string message) : Exception(message);
