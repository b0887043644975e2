namespace StepFunctions.Local.Definition;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>One finding about a definition, in the spirit of ValidateStateMachineDefinition's diagnostics:
/// a code such as SCHEMA_VALIDATION_FAILED, a message naming the problem, and a location such as
/// <c>/States/Choose/Choices[0]/Next</c> (array items as <c>[i]</c>, as AWS writes them).</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, string Location)
{
    /// <summary>For an expression that does not parse: JSONata's position in the expression (the character offset, inside
    /// <c>{% %}</c>) where the parser stopped. Ours: AWS's diagnostic has no position.</summary>
    public int? Position { get; init; }

    public override string ToString() => Position is { } position
        ? $"{Severity.ToString().ToUpperInvariant()} {Code} at {Location} (position {position} in the expression): {Message}"
        : $"{Severity.ToString().ToUpperInvariant()} {Code} at {Location}: {Message}";
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
    public const string InvalidJsonataExpression = "INVALID_JSONATA_EXPRESSION";
    public const string UnsupportedJsonataExpression = "UNSUPPORTED_JSONATA_EXPRESSION";
    public const string InvalidVariableName = "INVALID_VARIABLE_NAME";
    public const string NoDollar = "NO_DOLLAR";
    public const string PassResultIsStatic = "PASS_RESULT_IS_STATIC";
}
