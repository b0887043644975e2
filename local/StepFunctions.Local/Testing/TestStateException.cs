namespace StepFunctions.Local.Testing;

/// <summary>What TestState refuses before it runs a state, each named as AWS names the error (the service answers
/// it as that API error code; the CLI prints it).</summary>
public enum TestStateError
{
    ValidationException,
    InvalidDefinition,
    InvalidExecutionInput,
}

/// <summary>A TestState refusal: AWS's message where AWS's wording is known, <paramref name="member"/> the request
/// member at fault (<c>stateName</c>, <c>mock</c>, <c>stateConfiguration.retrierRetryCount</c>…) and, where the
/// message does not say it, <paramref name="fix"/>: what to change. The service answers the message alone (AWS's
/// text); the CLI adds the fix.</summary>
public sealed class TestStateException(TestStateError error, string member, string message, string? fix = null) : Exception(message)
{
    public TestStateError Error { get; } = error;

    public string Member { get; } = member;

    public string? Fix { get; } = fix;

    /// <summary>The error's name as AWS spells it.</summary>
    public string Code => Error.ToString();
}
