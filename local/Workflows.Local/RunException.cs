namespace Workflows.Local;

/// <summary>A problem the user can fix; the message is one sentence naming the problem and the fix.</summary>
public sealed class RunException(string message) : Exception(message);
