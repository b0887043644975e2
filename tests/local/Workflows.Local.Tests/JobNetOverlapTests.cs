using System.Text.Json.Nodes;

namespace Workflows.Local.Tests;

/// <summary>
/// The orchestrator's series lock as make run runs it: each make run is a process of its own, so the owner an
/// earlier run left behind (a failed run keeps its lock) no longer exists for the next one, which takes the series
/// over, runs and releases it; bad series and overlap values are refused with the manifest's other problems.
/// (Skipping while the owner runs, an aborted owner and overlap allow need two runs at once: the server's
/// tests/local/StepFunctions.Service.Tests/JobNetOverlapTests.cs.)
/// </summary>
public sealed class JobNetOverlapTests
{
    private static Task<RunOutcome> Run(ScratchPaths scratch, string manifest, FailingJobs? failing = null) =>
        WorkflowRunner.RunAsync(new RunRequest(LocalResources.Orchestrator, manifest, TimeScale: 0, FailingJobs: failing), scratch.Paths);

    private const string Manifest = """
        {"run_id": "RUN", "series": "backup", "jobs": [
          {"name": "snapshot", "workflow": "container-task", "input": {}},
          {"name": "numbers", "workflow": "number-processor", "input": {"min": 1, "max": 10}, "depends_on": ["snapshot"]}
        ]}
        """;

    [Fact]
    public async Task A_lock_left_by_an_earlier_failed_run_is_taken_over_and_released_when_the_run_succeeds()
    {
        using var scratch = Repo.Scratch();
        var failed = await Run(scratch, Manifest.Replace("RUN", "backup-1", StringComparison.Ordinal), FailingJobs.Parse("snapshot"));
        Assert.Equal(("FAILED", "JobsFailed"), (failed.Result.StatusText, failed.Result.Error));
        Assert.Equal(failed.Result.ExecutionArn, Lock(scratch)?["owner_execution_arn"]!["S"]!.GetValue<string>());

        var next = await Run(scratch, Manifest.Replace("RUN", "backup-2", StringComparison.Ordinal));

        Assert.True(next.Result.StatusText == "SUCCEEDED", $"{next.Result.Error}: {next.Result.Cause}");
        Assert.Equal(["snapshot:SUCCEEDED", "numbers:SUCCEEDED"], next.Jobs.Select(j => $"{j.Name}:{j.Status}"));
        Assert.Null(Lock(scratch));
    }

    [Fact]
    public async Task A_bad_series_or_overlap_is_refused_with_the_other_problems_before_anything_starts()
    {
        using var scratch = Repo.Scratch();

        var outcome = await Run(scratch, """{"run_id": "r", "series": "nightly backup", "overlap": "queue", "jobs": [{"name": "a", "workflow": "container-task", "depends_on": ["b"]}]}""");

        Assert.Equal(("FAILED", "InvalidManifest"), (outcome.Result.StatusText, outcome.Result.Error));
        Assert.Equal("The manifest has 3 problem(s), nothing was started: series must be 1-40 letters, digits, - or _ (got 'nightly backup'); " +
            "overlap must be 'skip' or 'allow' (got 'queue'); job a depends on b, which is not a job of this manifest.", outcome.Result.Cause);
        Assert.False(File.Exists(scratch.Paths.DynamoDbTables));
    }

    /// <summary>The series' lock item, or null when the series is free.</summary>
    private static JsonObject? Lock(ScratchPaths scratch) =>
        JsonNode.Parse(File.ReadAllText(scratch.Paths.DynamoDbTables))!.AsObject().Single().Value!.AsObject()
            .Select(item => item.Value!.AsObject())
            .SingleOrDefault(item => item["run_id"]!["S"]!.GetValue<string>() == "series#backup" && item["record"]!["S"]!.GetValue<string>() == "OWNER");
}
