namespace StepFunctions.Local.Cli;

/// <summary>The parsed arguments of <c>sfn-local run</c>.</summary>
internal sealed record RunOptions(
    FileInfo Definition,
    FileInfo? Input,
    FileInfo? History,
    FileInfo? MockConfig,
    string? TestCase,
    string? StateMachineName,
    double TimeScale,
    IReadOnlyDictionary<string, string> Variables,
    FileInfo? SnsOutbox,
    int EcsExitCode);
