namespace StepFunctions.Service;

/// <summary>The server cannot start as configured (an option, an environment variable); the message is one
/// sentence naming the problem and the fix, printed without a stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);
