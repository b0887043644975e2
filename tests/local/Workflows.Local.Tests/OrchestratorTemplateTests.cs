using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jsonata;
using StepFunctions.Local.Templates;

namespace Workflows.Local.Tests;

/// <summary>
/// The orchestrator template's JSONata, evaluated by the project's JSONata 2.0.6 engine the way Step Functions
/// binds it ($states.input, $states.result, variables). The manifest's checks and the run's cause are the
/// job-net function's (tests/lambdas/JobNet); the resume gate is the job-net-gate workflow (JobNetTests); here: readiness,
/// merging passes, names, polls and causes.
/// </summary>
public sealed class OrchestratorTemplateTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Rendered as make run renders it: deployment.json's wiring and settings (max_jobs 20, polls every 30 s, ...).
    private static readonly Workflow Orchestrator = WorkflowCatalog.Load(Repo.Paths).Find("orchestrator")!;

    private static readonly JsonObject Definition = JsonNode.Parse(TemplateRenderer.Render(
        File.ReadAllText(Orchestrator.TemplateFile), Orchestrator.Variables))!.AsObject();

    private static JsonObject States => Definition["States"]!.AsObject();

    private static JsonObject JobStates => States["RunJobs"]!["ItemProcessor"]!["States"]!.AsObject();

    [Fact]
    public void Every_expression_parses()
    {
        var expressions = Expressions(Definition).ToList();

        Assert.True(expressions.Count > 60, $"only {expressions.Count} expressions found");
        foreach (var expression in expressions)
        {
            JsonataExpression.Parse(expression);
        }
    }

    [Fact]
    public void No_expression_is_longer_than_300_characters()
    {
        // Longer logic belongs in the job-net function or in states that each do one thing.
        Assert.All(Expressions(Definition), expression => Assert.True(expression.Length <= 300, $"{expression.Length} characters: {expression}"));
    }

    [Theory]
    [InlineData("""{}""", 0, "WaitForDependencies")]
    [InlineData("""{"ended_a": {"S": "SUCCEEDED"}}""", 0, "WaitForDependencies")]
    [InlineData("""{"ended_a": {"S": "SUCCEEDED"}, "ended_b": {"S": "SUCCEEDED"}}""", 0, "ClaimSlot")]
    [InlineData("""{"ended_a": {"S": "SUCCEEDED"}, "ended_b": {"S": "FAILED:0"}}""", 0, "JobBlocked")]
    [InlineData("""{"ended_a": {"S": "BLOCKED:0"}}""", 0, "JobBlocked")]
    // On a resume (round 1) a dependency's FAILED of round 0 means it is about to run again: wait for it.
    [InlineData("""{"ended_a": {"S": "SUCCEEDED"}, "ended_b": {"S": "FAILED:0"}}""", 1, "WaitForDependencies")]
    [InlineData("""{"ended_a": {"S": "SUCCEEDED"}, "ended_b": {"S": "FAILED:1"}}""", 1, "JobBlocked")]
    public void A_job_starts_once_every_dependency_succeeded_and_is_blocked_by_a_failure_of_its_round(string runRecord, int round, string next)
    {
        var result = new JsonObject { ["Item"] = JsonNode.Parse(runRecord) };
        var assign = JobStates["ReadDependencies"]!["Assign"]!;
        var bindings = Bind(("job", JsonNode.Parse("""{"name": "c", "depends_on": ["a", "b"]}""")), ("round", round), ("states", new JsonObject { ["result"] = result }));
        var after = Bind(("job", JsonNode.Parse("""{"name": "c", "depends_on": ["a", "b"]}""")),
            ("succeeded", JsonNode.Parse(Evaluate(assign["succeeded"]!, bindings))), ("blockedBy", JsonNode.Parse(Evaluate(assign["blockedBy"]!, bindings))));

        Assert.Equal(next, Taken(JobStates["CheckDependenciesEnded"]!, after));
    }

    [Theory]
    [InlineData("web-stop", "skip", "PrepareSeriesLock")]
    [InlineData("web-stop", "allow", "CheckDeadline")]
    [InlineData(null, "allow", "CheckDeadline")]
    public void Only_a_run_of_a_series_with_overlap_skip_takes_the_series_lock(string? series, string overlap, string next)
    {
        Assert.Equal(next, Taken(States["CheckSeries"]!, Bind(("series", series), ("overlap", overlap))));
    }

    [Theory]
    [InlineData("RUNNING", "RecordRunSkipped")]
    [InlineData("PENDING_REDRIVE", "RecordRunSkipped")]
    [InlineData("FAILED", "TakeOverSeries")]
    [InlineData("TIMED_OUT", "TakeOverSeries")]
    [InlineData("ABORTED", "TakeOverSeries")]
    [InlineData("SUCCEEDED", "TakeOverSeries")]
    public void A_series_lock_is_respected_only_while_its_owner_runs(string ownerStatus, string next)
    {
        Assert.Equal(next, Taken(States["CheckSeriesOwnerRunning"]!, Bind(("seriesOwnerStatus", ownerStatus))));
    }

    [Fact]
    public void A_pass_merges_its_results_over_the_earlier_ones()
    {
        var earlier = JsonNode.Parse("""[{"name": "a", "status": "SUCCEEDED"}, {"name": "b", "status": "FAILED"}, {"name": "c", "status": "BLOCKED"}]""");
        var pass = JsonNode.Parse("""[{"name": "b", "status": "SUCCEEDED"}, {"name": "c", "status": "SUCCEEDED"}]""");

        Assert.Equal("""[{"name":"a","status":"SUCCEEDED"},{"name":"b","status":"SUCCEEDED"},{"name":"c","status":"SUCCEEDED"}]""",
            Evaluate(States["RunJobs"]!["Assign"]!["results"]!, Bind(("results", earlier), ("states", new JsonObject { ["result"] = pass }))));
    }

    [Fact]
    public void An_invalid_manifest_fails_with_every_problem_in_the_cause()
    {
        var cause = Evaluate(States["InvalidManifest"]!["Cause"]!, Bind(("states", new JsonObject { ["input"] = new JsonObject { ["problems"] = new JsonArray("run_id is missing", "jobs is missing") } })));

        Assert.Equal("\"The manifest has 2 problem(s), nothing was started: run_id is missing; jobs is missing.\"", cause);
        Assert.Equal("InvalidManifest", States["InvalidManifest"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void A_repeated_run_id_names_the_execution_that_owns_it()
    {
        var item = JsonNode.Parse("""{"Item": {"execution_arn": {"S": "arn:aws:states:us-east-1:123456789012:execution:o:first"}, "started_at": {"S": "2026-12-01T02:00:00Z"}, "status": {"S": "SUCCEEDED"}}}""");

        var cause = Evaluate(States["RunAlreadyExists"]!["Cause"]!, Bind(("runId", "nightly"), ("owner", item!["Item"]!.DeepClone())));

        Assert.Equal("\"Run nightly was already started by execution arn:aws:states:us-east-1:123456789012:execution:o:first at 2026-12-01T02:00:00Z (status SUCCEEDED); no job was started. Redrive that execution to resume a failed run, or start a new run_id.\"", cause);
        Assert.Equal("attribute_not_exists(run_id)", States["RecordRun"]!["Arguments"]!["ConditionExpression"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0, 1, "\"nightly-2026-12-01T020000Z.numbers\"")]
    [InlineData(2, 1, "\"nightly-2026-12-01T020000Z.numbers.r2\"")]
    [InlineData(0, 3, "\"nightly-2026-12-01T020000Z.numbers.a3\"")]
    [InlineData(1, 2, "\"nightly-2026-12-01T020000Z.numbers.r1.a2\"")]
    public void Child_names_come_from_run_and_job_and_are_new_for_each_redrive_and_attempt(int redriveCount, int attempt, string name)
    {
        var context = new JsonObject { ["context"] = new JsonObject { ["Execution"] = new JsonObject { ["RedriveCount"] = redriveCount } } };

        Assert.Equal(name, Evaluate(JobStates["RunNumberProcessor"]!["Arguments"]!["Name"]!,
            Bind(("runId", "nightly-2026-12-01T02:00:00Z"), ("job", new JsonObject { ["name"] = "numbers" }), ("attempt", attempt), ("states", context))));
    }

    [Theory]
    [InlineData("""{"Tasks": [{"LastStatus": "PROVISIONING", "Containers": [{"Name": "app"}]}]}""", 1, "WaitForContainerTask")]
    [InlineData("""{"Tasks": [{"LastStatus": "RUNNING", "Containers": [{"Name": "app"}]}]}""", 2, "WaitForContainerTask")]
    [InlineData("""{"Tasks": [{"LastStatus": "STOPPED", "Containers": [{"Name": "app", "ExitCode": 0}]}]}""", 3, "ContainerTaskSucceeded")]
    [InlineData("""{"Tasks": [{"LastStatus": "STOPPED", "StopCode": "EssentialContainerExited", "Containers": [{"Name": "app", "ExitCode": 1}]}]}""", 3, "ContainerTaskStopped")]
    [InlineData("""{"Tasks": [], "Failures": [{"Reason": "MISSING"}]}""", 1, "ContainerTaskLost")]
    [InlineData("""{"Tasks": [{"LastStatus": "RUNNING", "Containers": [{"Name": "app"}]}]}""", 60, "StopContainerTask")]
    public void Polls_follow_the_task_until_it_stops_or_times_out(string describeTasks, int polls, string next)
    {
        // The job's timeout_seconds of 1800 s is 60 polls of 30 s.
        var bindings = Bind(("polls", polls), ("taskArn", "arn:task"), ("job", new JsonObject { ["timeout_seconds"] = 1800 }), ("states", new JsonObject { ["input"] = JsonNode.Parse(describeTasks) }));

        Assert.Equal(next, Taken(JobStates["CheckContainerTask"]!, bindings));
    }

    [Fact]
    public void A_failed_container_names_exit_code_and_stop_reason()
    {
        var input = new JsonObject { ["input"] = JsonNode.Parse("""{"Tasks": [{"LastStatus": "STOPPED", "StopCode": "EssentialContainerExited", "StoppedReason": "Essential container in task exited", "Containers": [{"Name": "app", "ExitCode": 1}]}]}""") };
        var stopped = JobStates["ContainerTaskStopped"]!["Assign"]!;
        var task = JsonNode.Parse(Evaluate(stopped["task"]!, Bind(("states", input.DeepClone()))));
        var container = JsonNode.Parse(Evaluate(stopped["container"]!, Bind(("states", input))));

        Assert.Equal("\"Task arn:task stopped with exit code 1 (stop code EssentialContainerExited: Essential container in task exited)\"",
            Evaluate(JobStates["ContainerTaskFailed"]!["Output"]!["Cause"]!, Bind(("taskArn", "arn:task"), ("task", task), ("container", container))));
    }

    /// <summary>The state a Choice goes to with these bindings.</summary>
    private static string Taken(JsonNode choice, Dictionary<string, JsonNode?> bindings) =>
        choice["Choices"]!.AsArray().FirstOrDefault(rule => Evaluate(rule!["Condition"]!, bindings) == "true")?["Next"]?.GetValue<string>()
            ?? choice["Default"]!.GetValue<string>();

    private static Dictionary<string, JsonNode?> Bind(params (string Name, JsonNode? Value)[] bindings) =>
        bindings.ToDictionary(b => b.Name, b => b.Value);

    /// <summary>Evaluates a "{% ... %}" field as Step Functions does; returns compact JSON (or "undefined").</summary>
    private static string Evaluate(JsonNode field, Dictionary<string, JsonNode?> bindings)
    {
        var text = field.GetValue<string>();
        Assert.StartsWith("{%", text, StringComparison.Ordinal);
        var result = JsonataExpression.Parse(text[2..^2]).Evaluate(JsonataResult.Undefined, bindings);
        return result.IsUndefined ? "undefined" : result.Value?.ToJsonString(Relaxed) ?? "null";
    }

    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Expressions(p.Value)),
        JsonArray a => a.SelectMany(Expressions),
        JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith("{%", StringComparison.Ordinal) && s.EndsWith("%}", StringComparison.Ordinal) => [s[2..^2]],
        _ => [],
    };
}
