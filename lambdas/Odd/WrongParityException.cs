namespace Lambdas.Odd;

/// <summary>The number is even. A workflow catches this by name ("WrongParityException").</summary>
public sealed class WrongParityException(string message) : Exception(message);
