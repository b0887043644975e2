using System.Text.Json.Nodes;

namespace Workflows.Local.Tests;

/// <summary>
/// The orchestrator as a job net, run as make run runs it on the packaged bootstraps: dependency order and
/// parallelism read from the recorded start and end of each child execution and job record, max_concurrency,
/// blocked dependents, the readable cause and its notice, retries, and manifests refused before anything starts.
/// (Resume by redrive runs through the server: tests/local/StepFunctions.Service.Tests/JobNetRedriveTests.cs.)
/// </summary>
public sealed class JobNetTests
{
    private static string Example(string file) => File.ReadAllText(Path.Combine(Repo.Paths.Root, "local", "examples", file));

    /// <summary>For nets where a job waits on a real Lambda's job: a 30 s poll then takes 0.3 s. With waits instant
    /// (time scale 0) the waiting job polls as fast as it can, about ten events a poll, and a loaded machine's slow
    /// bootstrap lets it reach the 25,000-event limit.</summary>
    private const double PolledTime = 0.01;

    private static Task<RunOutcome> Run(ScratchPaths scratch, string manifest, FailingJobs? failing = null, double timeScale = 0) =>
        WorkflowRunner.RunAsync(new RunRequest(LocalResources.Orchestrator, manifest, TimeScale: timeScale, FailingJobs: failing), scratch.Paths);

    /// <summary>Each child execution's start and end, by job name, from the child histories make run writes.</summary>
    private static Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)> ChildSpans(RunOutcome outcome) =>
        outcome.ChildHistoryPaths.ToDictionary(
            path => Path.GetFileName(path).Split('.')[1],
            path =>
            {
                var events = JsonNode.Parse(File.ReadAllText(path))!["events"]!.AsArray();
                return (Time(events[0]!), Time(events[^1]!));
            });

    private static DateTimeOffset Time(JsonNode historyEvent) => DateTimeOffset.Parse(historyEvent["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static bool Overlap((DateTimeOffset Start, DateTimeOffset End) a, (DateTimeOffset Start, DateTimeOffset End) b) => a.Start < b.End && b.Start < a.End;

    private const string Diamond = """
        {"run_id": "diamond", "max_concurrency": MAX, "jobs": [
          {"name": "a", "workflow": "number-processor", "input": {"min": 1, "max": 10}},
          {"name": "b", "workflow": "number-processor", "input": {"min": 1, "max": 10}},
          {"name": "c", "workflow": "number-processor", "input": {"min": 1, "max": 10}, "depends_on": ["a", "b"]},
          {"name": "d", "workflow": "number-processor", "input": {"min": 1, "max": 10}, "depends_on": ["c"]}
        ]}
        """;

    [Fact]
    public async Task A_job_starts_after_all_its_dependencies_ended_and_independent_jobs_run_in_parallel()
    {
        using var scratch = Repo.Scratch();

        var outcome = await Run(scratch, Diamond.Replace("MAX", "4", StringComparison.Ordinal), timeScale: PolledTime);

        Assert.True(outcome.Result.StatusText == "SUCCEEDED", $"{outcome.Result.Error}: {outcome.Result.Cause}");
        var spans = ChildSpans(outcome);
        Assert.Equal(["a", "b", "c", "d"], spans.Keys.Order());
        Assert.True(Overlap(spans["a"], spans["b"]), "a and b depend on nothing and should run at the same time");
        Assert.True(spans["c"].Start >= spans["a"].End && spans["c"].Start >= spans["b"].End, "c started before a dependency ended");
        Assert.True(spans["d"].Start >= spans["c"].End, "d started before c ended");
        Assert.Equal(["a:SUCCEEDED:1", "b:SUCCEEDED:1", "c:SUCCEEDED:1", "d:SUCCEEDED:1"], outcome.Jobs.Select(j => $"{j.Name}:{j.Status}:{j.Attempts}"));
    }

    [Fact]
    public async Task At_most_max_concurrency_jobs_run_at_once_whatever_order_the_Map_starts_them_in()
    {
        using var scratch = Repo.Scratch();

        // c and d wait for their dependencies while a and b run: with one slot, waiting must not hold it.
        var outcome = await Run(scratch, Diamond.Replace("MAX", "1", StringComparison.Ordinal), timeScale: PolledTime);

        Assert.True(outcome.Result.StatusText == "SUCCEEDED", $"{outcome.Result.Error}: {outcome.Result.Cause}");
        var spans = ChildSpans(outcome);
        Assert.False(Overlap(spans["a"], spans["b"]), "with max_concurrency 1, a and b must not run at the same time");
        Assert.Equal(4, spans.Count);
    }

    [Fact]
    public async Task A_failed_job_blocks_its_dependents_the_others_run_to_their_end_and_the_cause_says_so()
    {
        using var scratch = Repo.Scratch();

        var outcome = await Run(scratch, Example("orchestrator-web-stop-failing.json"), FailingJobs.Parse("stop-app-2"));

        Assert.Equal(("FAILED", "JobsFailed"), (outcome.Result.StatusText, outcome.Result.Error));
        Assert.Equal([
            "maintenance-on:SUCCEEDED:1", "stop-app-1:SUCCEEDED:1", "image-1:SUCCEEDED:1",
            "stop-app-2:FAILED:2", "image-2:BLOCKED:0", "db-snapshot:BLOCKED:0", "stop-db:BLOCKED:0",
        ], outcome.Jobs.Select(j => $"{j.Name}:{j.Status}:{j.Attempts}"));
        // The execution's cause is the run's lines as they are, not wrapped in a function's error report: the gate
        // that fails is answered with SendTaskFailure (job-net-gate), whose Cause becomes the execution's.
        var cause = outcome.Result.Cause!;
        var lines = cause.Split('\n');
        Assert.Equal("Run web-stop-2026-12-08: 1 of 7 jobs failed, 3 blocked. Fix the cause, then redrive this execution: it reruns only these jobs.", lines[0]);
        Assert.Matches(@"^stop-app-2 \(container-task\) failed after 2 attempts: ContainerTaskFailed: Task arn:aws:ecs:\S+ stopped with exit code 1 \(stop code EssentialContainerExited: Essential container in task exited\)$", lines[1]);
        Assert.Equal("Blocked (not started): image-2 (needs stop-app-2), db-snapshot (needs image-2), stop-db (needs db-snapshot)", lines[2]);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain("\"", cause, StringComparison.Ordinal);

        // The notice says the same; the records carry each job's history.
        // (Waits are instant here, so the manifest's deadline passed at once: its late notice is the other message.)
        var message = outcome.PublishedMessages.Select(m => JsonNode.Parse(m)!["Message"]!.GetValue<string>()).Single(m => m.Contains("ended FAILED", StringComparison.Ordinal));
        Assert.Contains("Error: JobsFailed", message, StringComparison.Ordinal);
        Assert.Contains(lines[0], message, StringComparison.Ordinal);
        var failed = Record(scratch, "web-stop-2026-12-08", "JOB#stop-app-2");
        Assert.Equal(["WAITING", "RUNNING", "RETRYING", "RUNNING", "FAILED"], failed["history"]!["L"]!.AsArray().Select(h => h!["M"]!["status"]!["S"]!.GetValue<string>()));
        Assert.Equal(("2", "ContainerTaskFailed"), (failed["attempts"]!["N"]!.GetValue<string>(), failed["error"]!["S"]!.GetValue<string>()));
        var blocked = Record(scratch, "web-stop-2026-12-08", "JOB#db-snapshot");
        Assert.Equal(("BLOCKED", "image-2", ""), (blocked["status"]!["S"]!.GetValue<string>(), blocked["blocked_by"]!["S"]!.GetValue<string>(), blocked["started_at"]!["S"]!.GetValue<string>()));
        var run = Record(scratch, "web-stop-2026-12-08", "RUN");
        Assert.Equal(("FAILED", "1", "3", cause), (run["status"]!["S"]!.GetValue<string>(), run["failed_jobs"]!["N"]!.GetValue<string>(), run["blocked_jobs"]!["N"]!.GetValue<string>(), run["summary"]!["S"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_web_system_job_nets_and_the_release_train_run_in_dependency_order()
    {
        foreach (var example in new[] { "orchestrator-web-stop.json", "orchestrator-web-start.json", "orchestrator-release-train.json" })
        {
            using var scratch = Repo.Scratch();
            var manifest = JsonNode.Parse(Example(example))!;

            var outcome = await Run(scratch, manifest.ToJsonString(), timeScale: PolledTime);

            Assert.True(outcome.Result.StatusText == "SUCCEEDED", $"{example}: {outcome.Result.Error}: {outcome.Result.Cause}");
            var jobs = outcome.Jobs.ToDictionary(j => j.Name);
            foreach (var job in manifest["jobs"]!.AsArray())
            {
                var row = jobs[job!["name"]!.GetValue<string>()];
                Assert.Equal("SUCCEEDED", row.Status);
                foreach (var dependency in job["depends_on"]?.AsArray().Select(d => d!.GetValue<string>()) ?? [])
                {
                    Assert.True(row.Started >= jobs[dependency].Ended, $"{example}: {row.Name} started before {dependency} ended");
                }
            }
        }
    }

    [Fact]
    public async Task A_cycle_and_an_unknown_dependency_are_refused_before_anything_starts()
    {
        using var scratch = Repo.Scratch();

        var outcome = await Run(scratch, """
            {"run_id": "r-cycle", "jobs": [
              {"name": "image-1", "workflow": "container-task", "depends_on": ["stop-app-1"]},
              {"name": "stop-app-1", "workflow": "container-task", "depends_on": ["image-1", "maintenance"]}
            ]}
            """);

        Assert.Equal(("FAILED", "InvalidManifest"), (outcome.Result.StatusText, outcome.Result.Error));
        Assert.Equal("The manifest has 2 problem(s), nothing was started: job stop-app-1 depends on maintenance, which is not a job of this manifest; " +
            "jobs depend on each other in a cycle, so none of them could start: image-1 → stop-app-1 → image-1.", outcome.Result.Cause);
        Assert.False(File.Exists(scratch.Paths.DynamoDbTables));
        Assert.Empty(outcome.Jobs);
    }

    [Fact]
    public async Task A_run_still_running_at_its_deadline_sends_one_late_notice_naming_the_jobs_not_ended()
    {
        using var scratch = Repo.Scratch();

        // Three container jobs in a chain take about ten polls (3 s at 0.01); the deadline of 60 s is 0.6 s.
        var outcome = await Run(scratch, """
            {"run_id": "late-1", "deadline_seconds": 60, "jobs": [
              {"name": "a", "workflow": "container-task"},
              {"name": "b", "workflow": "container-task", "depends_on": ["a"]},
              {"name": "c", "workflow": "container-task", "depends_on": ["b"]}
            ]}
            """, timeScale: 0.01);

        Assert.True(outcome.Result.StatusText == "SUCCEEDED", $"{outcome.Result.Error}: {outcome.Result.Cause}");
        var notice = JsonNode.Parse(Assert.Single(outcome.PublishedMessages))!;
        Assert.Equal("Run late-1 is late", notice["Subject"]!.GetValue<string>());
        var message = notice["Message"]!.GetValue<string>();
        Assert.StartsWith($"Run late-1 (execution {outcome.Result.ExecutionArn}) is still running 60 s after its start. Not ended yet: ", message, StringComparison.Ordinal);
        Assert.EndsWith("c.", message, StringComparison.Ordinal); // c waits for six polls at least: it cannot have ended by then
    }

    [Fact]
    public async Task A_run_that_ends_before_its_deadline_sends_no_late_notice()
    {
        using var scratch = Repo.Scratch();

        // The deadline of an hour is 36 s at 0.01; the job takes two polls (0.6 s).
        var outcome = await Run(scratch, """{"run_id": "on-time", "deadline_seconds": 3600, "jobs": [{"name": "a", "workflow": "container-task"}]}""", timeScale: 0.01);

        Assert.True(outcome.Result.StatusText == "SUCCEEDED", $"{outcome.Result.Error}: {outcome.Result.Cause}");
        Assert.Empty(outcome.PublishedMessages);
        // The watcher was started (and still waits for the deadline when the run ends).
        Assert.Contains(outcome.Result.HistoryToJson()["events"]!.AsArray(), e => e!["stateEnteredEventDetails"]?["name"]?.GetValue<string>() == "WatchDeadline");
    }

    private static JsonObject Record(ScratchPaths scratch, string runId, string record) =>
        JsonNode.Parse(File.ReadAllText(scratch.Paths.DynamoDbTables))!.AsObject().Single().Value!.AsObject()
            .Select(item => item.Value!.AsObject())
            .Single(item => item["run_id"]!["S"]!.GetValue<string>() == runId && item["record"]!["S"]!.GetValue<string>() == record);
}
