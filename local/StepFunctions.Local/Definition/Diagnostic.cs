using StepFunctions.Local.Core;

namespace StepFunctions.Local.Definition;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>One finding about a definition, in the spirit of ValidateStateMachineDefinition's diagnostics:
/// a code such as SCHEMA_VALIDATION_FAILED, a message naming the problem, and a location such as
/// <c>/States/Choose/Choices/0/Next</c>.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, string Location)
{
    public override string ToString() => $"{Severity.ToString().ToUpperInvariant()} {Code} at {Location}: {Message}";
}

public static class DiagnosticCodes
{
    public const string InvalidJson = "INVALID_JSON_DESCRIPTION";
    public const string MissingDescription = "MISSING_DESCRIPTION";
    public const string SchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";
    public const string InvalidResource = "INVALID_RESOURCE";
    public const string MissingEndState = "MISSING_END_STATE";
    public const string InvalidStateName = "INVALID_STATE_NAME";
    public const string MissingTransitionTarget = "MISSING_TRANSITION_TARGET";
    public const string UnreachableState = "UNREACHABLE_STATE";
    public const string InvalidPath = "INVALID_JSON_PATH";
    public const string UnsupportedFeature = "UNSUPPORTED_FEATURE";
    public const string NoDollar = "NO_DOLLAR";
    public const string PassResultIsStatic = "PASS_RESULT_IS_STATIC";
}
