namespace StepFunctions.Local.Testing;

/// <summary>TestState's <c>inspectionLevel</c>: INFO gives no inspection data, DEBUG the data after each processing
/// step, TRACE that plus an HTTP Task's request and response.</summary>
public enum InspectionLevel
{
    Info,
    Debug,
    Trace,
}

/// <summary>The request's members as their senders read them (the service off the wire, the CLI off its options),
/// before TestState checks them against each other and the state (<see cref="TestStateRequest.Parse"/>). JSON-valued
/// members stay text, as the API carries them.</summary>
public sealed record TestStateMembers
{
    public required string Definition { get; init; }
    public string? StateName { get; init; }
    public string? Input { get; init; }
    public InspectionLevel Level { get; init; } = InspectionLevel.Info;
    public string? RoleArn { get; init; }
    public string? Variables { get; init; }
    public string? Context { get; init; }
    public bool RevealSecrets { get; init; }
    public TestStateMockMembers? Mock { get; init; }
    public TestStateConfigurationMembers? Configuration { get; init; }

    /// <summary>The API's names of the enumerations, for both readers of them.</summary>
    public static InspectionLevel? ParseLevel(string text) => text switch
    {
        "INFO" => InspectionLevel.Info,
        "DEBUG" => InspectionLevel.Debug,
        "TRACE" => InspectionLevel.Trace,
        _ => null,
    };

    public static FieldValidationMode? ParseMode(string text) => text switch
    {
        "STRICT" => FieldValidationMode.Strict,
        "PRESENT" => FieldValidationMode.Present,
        "NONE" => FieldValidationMode.None,
        _ => null,
    };

    public const string Levels = "INFO, DEBUG, TRACE";
    public const string Modes = "STRICT, PRESENT, NONE";
}

/// <summary><c>mock</c>: <c>result</c> (JSON text), or <c>errorOutput</c> (<c>error</c>, <c>cause</c>;
/// <see cref="HasErrorOutput"/> says it was given, even without an error), and <c>fieldValidationMode</c>.</summary>
public sealed record TestStateMockMembers(string? Result, bool HasErrorOutput, string? Error, string? Cause, FieldValidationMode Mode = FieldValidationMode.Strict);

/// <summary><c>stateConfiguration</c>; <c>mapItemReaderData</c> is JSON text.</summary>
public sealed record TestStateConfigurationMembers(int? RetrierRetryCount, string? ErrorCausedByState, int? MapIterationFailureCount, string? MapItemReaderData);
