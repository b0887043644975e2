namespace StepFunctions.Local.Cli;

/// <summary>The arguments of <c>sfn-local test-state</c> as given: each names the TestState API member it sets
/// (<c>--state-name</c> is <c>stateName</c>), JSON members as inline JSON or <c>file://PATH</c>.</summary>
internal sealed record TestStateArguments(
    string Definition,
    string? StateName = null,
    string? Input = null,
    string? Mock = null,
    string? Context = null,
    string? Variables = null,
    string? StateConfiguration = null,
    string? InspectionLevel = null,
    bool RevealSecrets = false,
    string? RoleArn = null);
