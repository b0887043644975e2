using System.Text.Json.Nodes;
using Aws.Local;
using Workflows.Local.Cli;

namespace Workflows.Local.Tests;

/// <summary>
/// The orchestrator as make run runs it: the deployed template on the local executor, its number-processor jobs
/// as child executions on the real packaged bootstraps, its container jobs polled on the simulated ECS, its run
/// recorded in the local DynamoDB table and its failures announced in the SNS outbox through the EventBridge
/// notification. Waits are instant (time scale 0) except where a timeout needs real time.
/// </summary>
public sealed class OrchestratorTests
{
    private const string Orchestrator = "orchestrator";

    private static string Example(string file) => File.ReadAllText(Path.Combine(Repo.Paths.Root, "local", "examples", file));

    private static Task<RunOutcome> Run(ScratchPaths scratch, string manifest, TextWriter? view = null, int ecsExitCode = 0, double timeScale = 0) =>
        WorkflowRunner.RunAsync(new RunRequest(Orchestrator, manifest, ecsExitCode, timeScale), scratch.Paths, view is null ? null : new TerminalView(view));

    /// <summary>The item the run table holds for <paramref name="record"/> ("RUN" or "JOB#name"), in attribute-value form.</summary>
    private static JsonObject? Record(ScratchPaths scratch, string runId, string record)
    {
        var tables = JsonNode.Parse(File.ReadAllText(scratch.Paths.DynamoDbTables))!.AsObject();
        var table = Assert.Single(tables).Value!.AsObject();
        return table.Select(item => item.Value!.AsObject())
            .SingleOrDefault(item => item["run_id"]!["S"]!.GetValue<string>() == runId && item["record"]!["S"]!.GetValue<string>() == record);
    }

    private static string Attribute(JsonObject? item, string name) => item![name]!.AsObject().Single().Value!.GetValue<string>();

    private static List<string> Types(RunOutcome outcome) => [.. outcome.Result.History.Select(e => e.Type)];

    [Fact]
    public async Task The_example_manifest_succeeds_with_every_jobs_result_recorded_and_shown_as_a_tree()
    {
        using var scratch = Repo.Scratch();
        var view = new StringWriter();

        var outcome = await Run(scratch, Example("orchestrator-manifest.json"), view);

        Assert.True(outcome.Result.StatusText == "SUCCEEDED", $"{outcome.Result.Error}: {outcome.Result.Cause}");
        var jobs = outcome.Result.Output!["jobs"]!.AsArray();
        Assert.Equal(["numbers-a", "numbers-b", "report"], jobs.Select(j => j!["name"]!.GetValue<string>()));
        Assert.All(jobs, job => Assert.Equal("SUCCEEDED", job!["status"]!.GetValue<string>()));
        // Numbers come through JSONata, which has one number type.
        var a = jobs[0]!["output"]!;
        var number = (int)a["number"]!.GetValue<double>();
        Assert.InRange(number, 1, 10);
        Assert.Equal(number % 2 == 0 ? "even" : "odd", a["parity"]!.GetValue<string>());
        Assert.InRange(jobs[1]!["output"]!["number"]!.GetValue<double>(), 100, 200);
        Assert.StartsWith(Arn.Local("ecs", "task/serverless-workflows-container/").ToString(), jobs[2]!["output"]!["task_arn"]!.GetValue<string>(), StringComparison.Ordinal);

        // The table: the run, then each job with its status and output.
        Assert.Equal("SUCCEEDED", Attribute(Record(scratch, "nightly-2026-12-01", "RUN"), "status"));
        Assert.Equal(outcome.Result.ExecutionArn, Attribute(Record(scratch, "nightly-2026-12-01", "RUN"), "execution_arn"));
        var numbersA = Record(scratch, "nightly-2026-12-01", "JOB#numbers-a");
        Assert.Equal(("SUCCEEDED", "number-processor"), (Attribute(numbersA, "status"), Attribute(numbersA, "workflow")));
        Assert.Equal(a.ToJsonString(), JsonNode.Parse(Attribute(numbersA, "output"))!.ToJsonString());
        Assert.Equal("SUCCEEDED", Attribute(Record(scratch, "nightly-2026-12-01", "JOB#report"), "status"));

        // The container job was polled until ECS reported it STOPPED.
        var polls = outcome.Result.HistoryToJson()["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "TaskSucceeded" && e["taskSucceededEventDetails"]!["resource"]!.GetValue<string>() == "ecs:describeTasks")
            .Select(e => JsonNode.Parse(e!["taskSucceededEventDetails"]!["output"]!.GetValue<string>())!["Tasks"]![0]!["LastStatus"]!.GetValue<string>());
        Assert.Equal(["RUNNING", "STOPPED"], polls);

        // Each child's history is written beside the parent's.
        Assert.Equal(2, outcome.ChildHistoryPaths.Count);
        foreach (var path in outcome.ChildHistoryPaths)
        {
            var events = JsonNode.Parse(File.ReadAllText(path))!["events"]!.AsArray();
            Assert.Equal(("ExecutionStarted", "ExecutionSucceeded"), (events[0]!["type"]!.GetValue<string>(), events[^1]!["type"]!.GetValue<string>()));
        }
        Assert.Contains(Path.Combine(scratch.Paths.ChildHistoriesOf(Orchestrator), "nightly-2026-12-01.numbers-a.history.json"), outcome.ChildHistoryPaths);

        // The view: the Map's iterations beneath it, each child's states beneath the task that started it.
        var lines = view.ToString().Split('\n');
        var map = Array.FindIndex(lines, l => l.StartsWith("  RunJobs ", StringComparison.Ordinal));
        var iteration = Array.FindIndex(lines, l => l.Contains("[0] numbers-a  SUCCEEDED in ", StringComparison.Ordinal));
        var child = Array.FindIndex(lines, l => l.Contains("↳ serverless-workflows-number-processor  execution nightly-2026-12-01.numbers-a  SUCCEEDED", StringComparison.Ordinal));
        var childState = Array.FindIndex(lines, Math.Max(child, 0), l => l.TrimStart().StartsWith("NumberGenerator ", StringComparison.Ordinal));
        Assert.True(map >= 0 && map < iteration && iteration < child && child < childState, view.ToString());
        Assert.True(Indent(lines[iteration]) < Indent(lines[child]) && Indent(lines[child]) < Indent(lines[childState]), view.ToString());
        Assert.Empty(outcome.PublishedMessages);
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    [Fact]
    public async Task A_failing_job_fails_the_run_with_JobsFailed_after_the_other_jobs_finished_and_announces_it()
    {
        using var scratch = Repo.Scratch();

        var outcome = await Run(scratch, Example("orchestrator-manifest-failing-job.json"));

        Assert.Equal(("FAILED", "JobsFailed"), (outcome.Result.StatusText, outcome.Result.Error));
        Assert.Equal("""
            Run nightly-2026-12-02: 1 of 3 jobs failed, 0 blocked. Fix the cause, then redrive this execution: it reruns only these jobs.
            numbers-bad (number-processor) failed after 1 attempt: InvalidInputException: Field 'min' (10) must not be greater than 'max' (1); max defaults to 100 when omitted. Expected a JSON object like {"min": 1, "max": 100} (both optional, 1 <= min <= max <= 1000000).
            """.ReplaceLineEndings("\n"), outcome.Result.Cause);
        // The other jobs ran to their end; the failure is recorded per job and for the run.
        Assert.Equal("SUCCEEDED", Attribute(Record(scratch, "nightly-2026-12-02", "JOB#numbers-a"), "status"));
        Assert.Equal("SUCCEEDED", Attribute(Record(scratch, "nightly-2026-12-02", "JOB#report"), "status"));
        var bad = Record(scratch, "nightly-2026-12-02", "JOB#numbers-bad");
        Assert.Equal(("FAILED", "States.TaskFailed"), (Attribute(bad, "status"), Attribute(bad, "error")));
        Assert.Equal(("FAILED", "1"), (Attribute(Record(scratch, "nightly-2026-12-02", "RUN"), "status"), Attribute(Record(scratch, "nightly-2026-12-02", "RUN"), "failed_jobs")));
        Assert.Equal(3, Types(outcome).Count(t => t == "MapIterationSucceeded"));

        // The notice: EventBridge's status-change event through the transformer Terraform deploys, to the topic.
        var notice = JsonNode.Parse(Assert.Single(outcome.PublishedMessages))!;
        Assert.Equal(Arn.Local("sns", "serverless-workflows-orchestrator-notifications").ToString(), notice["TopicArn"]!.GetValue<string>());
        var message = notice["Message"]!.GetValue<string>();
        var name = outcome.Result.ExecutionArn[(outcome.Result.ExecutionArn.LastIndexOf(':') + 1)..];
        Assert.StartsWith($"\"Workflow serverless-workflows-orchestrator: execution {name} ended FAILED at ", message, StringComparison.Ordinal);
        Assert.Contains("\nError: JobsFailed\nCause: ", message, StringComparison.Ordinal);
        Assert.Contains("Run nightly-2026-12-02: 1 of 3 jobs failed, 0 blocked.", message, StringComparison.Ordinal);
        Assert.Contains($"#/v2/executions/details/{outcome.Result.ExecutionArn}\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_run_id_again_fails_RunAlreadyExists_and_starts_nothing()
    {
        using var scratch = Repo.Scratch();
        var first = await Run(scratch, Example("orchestrator-manifest.json"));

        var second = await Run(scratch, Example("orchestrator-manifest.json"));

        Assert.Equal(("FAILED", "RunAlreadyExists"), (second.Result.StatusText, second.Result.Error));
        Assert.StartsWith($"Run nightly-2026-12-01 was already started by execution {first.Result.ExecutionArn} at ", second.Result.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain("MapStateEntered", Types(second));
        Assert.Empty(second.ChildHistoryPaths);
        Assert.Equal(["job-net"], second.FunctionPools.Keys); // only the manifest was checked
        // The first run's record is untouched.
        Assert.Equal((first.Result.ExecutionArn, "SUCCEEDED"), (Attribute(Record(scratch, "nightly-2026-12-01", "RUN"), "execution_arn"), Attribute(Record(scratch, "nightly-2026-12-01", "RUN"), "status")));
        Assert.Contains("Error: RunAlreadyExists", JsonNode.Parse(Assert.Single(second.PublishedMessages))!["Message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_manifest_fails_InvalidManifest_naming_every_problem_and_records_nothing()
    {
        using var scratch = Repo.Scratch();

        var outcome = await Run(scratch, """{"run_id": "r1", "jobs": [{"name": "a", "workflow": "nope"}, {"name": "a", "workflow": "number-processor"}]}""");

        Assert.Equal(("FAILED", "InvalidManifest"), (outcome.Result.StatusText, outcome.Result.Error));
        Assert.Equal("The manifest has 2 problem(s), nothing was started: jobs[0].workflow 'nope' is not a deployed workflow (number-processor or container-task); job names must be unique (repeated: a).",
            outcome.Result.Cause);
        // Only the job-net function was asked: no record, no job.
        Assert.DoesNotContain("MapStateEntered", Types(outcome));
        Assert.Equal(["job-net"], outcome.FunctionPools.Keys);
        Assert.False(File.Exists(scratch.Paths.DynamoDbTables));
        Assert.Contains("Error: InvalidManifest", JsonNode.Parse(Assert.Single(outcome.PublishedMessages))!["Message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_job_whose_task_exits_non_zero_fails_with_its_exit_code()
    {
        using var scratch = Repo.Scratch();

        var outcome = await Run(scratch, """{"run_id": "r-ecs", "jobs": [{"name": "report", "workflow": "container-task"}]}""", ecsExitCode: 2);

        Assert.Equal(("FAILED", "JobsFailed"), (outcome.Result.StatusText, outcome.Result.Error));
        var report = Record(scratch, "r-ecs", "JOB#report");
        Assert.Equal(("FAILED", "ContainerTaskFailed"), (Attribute(report, "status"), Attribute(report, "error")));
        Assert.Matches(@"^Task arn:aws:ecs:us-east-1:123456789012:task/serverless-workflows-container/[0-9a-f]{32} stopped with exit code 2 \(stop code EssentialContainerExited: Essential container in task exited\)$",
            Attribute(report, "cause"));
    }

    [Fact]
    public async Task A_child_that_outlives_its_timeout_is_stopped_and_fails_its_job_with_States_Timeout()
    {
        // The number processor replaced by a child that waits an hour; the orchestrator gives children 1 s.
        using var scratch = Repo.Scratch(deployment =>
            {
                deployment["orchestrator"]!["child_timeout_seconds"] = 1;
                deployment["workflows"]!["number-processor"]!["template"] = "slow-child.asl.json";
            },
            new Dictionary<string, string> { ["slow-child.asl.json"] = """{"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 3600, "End": true}}}""" });

        var outcome = await Run(scratch, """{"run_id": "r-slow", "jobs": [{"name": "slow", "workflow": "number-processor"}]}""", timeScale: 1);

        Assert.Equal(("FAILED", "JobsFailed"), (outcome.Result.StatusText, outcome.Result.Error));
        var slow = Record(scratch, "r-slow", "JOB#slow");
        Assert.Equal(("FAILED", "States.Timeout"), (Attribute(slow, "status"), Attribute(slow, "error")));
        Assert.Contains("TimeoutSeconds of 1 seconds", Attribute(slow, "cause"), StringComparison.Ordinal);
        Assert.Contains("TaskTimedOut", Types(outcome));
        // The child was stopped with its task, and its history says so.
        // (The other child is the resume gate that failed the run.)
        var child = JsonNode.Parse(File.ReadAllText(Assert.Single(outcome.ChildHistoryPaths, p => p.Contains("r-slow.slow", StringComparison.Ordinal))))!["events"]!.AsArray();
        Assert.Equal("ExecutionAborted", child[^1]!["type"]!.GetValue<string>());
    }
}
