using System.Text.RegularExpressions;
using StepFunctions.Local.Integrations.Ecs;

namespace Workflows.Local;

/// <summary>
/// The local setting <c>ECS_FAIL_JOBS=stop-app-2,image-1</c> (make run and make console): the simulated
/// container of each named orchestrator job (the task's <c>JOB_NAME</c>) exits with <see cref="ExitCode"/>, the
/// others as ECS_EXIT_CODE says. Restarting without it and redriving the run shows a resume.
/// </summary>
public sealed partial class FailingJobs
{
    public const string Setting = "ECS_FAIL_JOBS";

    public const int ExitCode = 1;

    /// <summary>The container environment variable the orchestrator names the job in (StartContainerTask).</summary>
    public const string JobNameVariable = "JOB_NAME";

    public static readonly FailingJobs None = new(new HashSet<string>());

    private FailingJobs(IReadOnlySet<string> names) => Names = names;

    public IReadOnlySet<string> Names { get; }

    public static FailingJobs FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Setting));

    public static FailingJobs Parse(string? setting)
    {
        var names = (setting ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var bad = names.Where(n => !JobName().IsMatch(n)).ToList();
        if (bad.Count > 0)
        {
            throw new RunException($"{Setting} lists {string.Join(", ", bad.Select(b => $"'{b}'"))}, which {(bad.Count == 1 ? "is not a job name" : "are not job names")}: " +
                $"give the manifest's job names separated by commas, for example {Setting}=stop-app-2,image-1.");
        }
        return new FailingJobs(names.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The exit code of each simulated task: <see cref="ExitCode"/> for a named job, <paramref name="otherwise"/> for the rest.</summary>
    public Func<EcsTaskRequest, int> ExitCodes(int otherwise) => request =>
        request.ContainerOverrides.Any(o => o.Environment.TryGetValue(JobNameVariable, out var job) && Names.Contains(job)) ? ExitCode : otherwise;

    // As the orchestrator's manifest allows job names (lambdas/JobNet/ManifestValidator.cs).
    [GeneratedRegex("^[A-Za-z0-9_-]{1,23}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();
}
