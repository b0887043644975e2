using System.CommandLine;
using System.Globalization;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Store;

namespace StepFunctions.Service;

/// <summary>The server's bounds (README's "Limits"): each an option with an environment variable, defaulting to the
/// constant of the class it bounds.</summary>
internal sealed class LimitOptions
{
    public Option<int> CompiledMachines { get; } = Positive("--max-compiled-machines", "SFN_MAX_COMPILED_MACHINES", Executions.CompiledMachines.DefaultCapacity,
        "Compiled definitions kept, least recently used evicted first");

    public Option<int> ExpressRuns { get; } = Positive("--max-express-runs", "SFN_MAX_EXPRESS_RUNS", Executions.ExpressRuns.DefaultMaxRunning,
        "EXPRESS executions running at once; more starts are ThrottlingException");

    public Option<int> QueuedWrites { get; } = Positive("--max-queued-writes", "SFN_MAX_QUEUED_WRITES", GroupCommitWriter.DefaultMaxQueued,
        "History writes queued before executions and starts wait for the database");

    public Option<int> LiveStreams { get; } = Positive("--max-live-streams", "SFN_MAX_LIVE_STREAMS", LiveStream.DefaultMaxOpen,
        "Console live streams open at once; more are ThrottlingException");

    public void AddTo(Command command)
    {
        foreach (var option in new[] { CompiledMachines, ExpressRuns, QueuedWrites, LiveStreams })
        {
            command.Options.Add(option);
        }
    }

    private static Option<int> Positive(string name, string variable, int defaultValue, string description)
    {
        var option = new Option<int>(name)
        {
            Description = $"{description} (env {variable})",
            // A variable that is not a number is 0, which the validator below refuses by name.
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } value ? defaultValue
                : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name}/{variable} must be a whole number of at least 1.");
            }
        });
        return option;
    }
}
