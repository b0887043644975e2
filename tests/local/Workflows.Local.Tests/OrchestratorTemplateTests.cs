using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jsonata;
using StepFunctions.Local.Templates;

namespace Workflows.Local.Tests;

/// <summary>
/// The orchestrator template's JSONata, evaluated by the project's JSONata 2.0.6 engine the way Step Functions
/// binds it ($states.input, $states.result, variables): every bad-input path yields its named problem.
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
    public void The_example_manifests_are_valid()
    {
        foreach (var file in new[] { "orchestrator-manifest.json", "orchestrator-manifest-failing-job.json" })
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Paths.Root, "local", "examples", file)));
            Assert.Equal("[]", Problems(manifest));
        }
    }

    [Theory]
    [InlineData("""[1, 2]""", """["the manifest must be a JSON object with run_id and jobs","run_id is missing","jobs is missing"]""")]
    [InlineData("""{}""", """["run_id is missing","jobs is missing"]""")]
    [InlineData("""{"run_id": 5, "jobs": {}, "max_concurrency": "4"}""",
        """["run_id must be 1-40 letters, digits, -, _ or : (got 5)","jobs must be an array of {name, workflow, input} objects","max_concurrency must be a whole number from 1 to 20 (got '4')"]""")]
    [InlineData("""{"run_id": "bad id", "jobs": [], "max_concurrency": 2.5}""",
        """["run_id must be 1-40 letters, digits, -, _ or : (got 'bad id')","jobs is empty: a run needs at least one job","max_concurrency must be a whole number from 1 to 20 (got 2.5)"]""")]
    [InlineData("""{"run_id": "r", "jobs": [1, {"name": "a"}, {"name": "a", "workflow": "nope", "input": 3}, {"workflow": "container-task"}, {"name": "bad name!", "workflow": "number-processor"}], "max_concurrency": 0}""",
        """["max_concurrency must be a whole number from 1 to 20 (got 0)","jobs[0] must be an object with name, workflow and input","jobs[1].workflow is missing","jobs[2].workflow 'nope' is not a deployed workflow (number-processor or container-task); jobs[2].input must be a JSON object","jobs[3].name is missing","jobs[4].name must be 1-23 letters, digits, - or _ (got 'bad name!')","job names must be unique (repeated: a)"]""")]
    [InlineData("""{"run_id": "nightly-2026-12-01T02:00:00Z", "jobs": [{"name": "a", "workflow": "container-task"}, {"name": "a", "workflow": "container-task"}, {"name": "b", "workflow": "number-processor"}, {"name": "b", "workflow": "number-processor"}]}""",
        """["job names must be unique (repeated: a, b)"]""")]
    public void Every_manifest_problem_is_named(string manifest, string problems)
    {
        Assert.Equal(problems, Problems(JsonNode.Parse(manifest)));
    }

    [Fact]
    public void Too_many_jobs_are_refused()
    {
        var jobs = new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode?)new JsonObject { ["name"] = $"j{i}", ["workflow"] = "number-processor" }).ToArray());

        Assert.Equal("""["jobs has 21 entries; a run takes at most 20"]""", Problems(new JsonObject { ["run_id"] = "r", ["jobs"] = jobs }));
    }

    [Fact]
    public void An_invalid_manifest_fails_with_every_problem_in_the_cause()
    {
        var cause = Evaluate(States["InvalidManifest"]!["Cause"]!, Bind(("states", new JsonObject { ["input"] = new JsonObject { ["problems"] = new JsonArray("run_id is missing", "jobs is missing") } })));

        Assert.Equal("\"The manifest has 2 problem(s), nothing was started: run_id is missing; jobs is missing.\"", cause);
        Assert.Equal("InvalidManifest", States["InvalidManifest"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Accepted_jobs_get_an_input_and_the_default_concurrency()
    {
        var input = new JsonObject { ["manifest"] = JsonNode.Parse("""{"run_id": "r", "jobs": [{"name": "a", "workflow": "container-task"}]}""") };
        var assign = States["AcceptManifest"]!["Assign"]!;

        Assert.Equal("""[{"name":"a","workflow":"container-task","input":{}}]""", Evaluate(assign["jobs"]!, Bind(("states", new JsonObject { ["input"] = input.DeepClone() }))));
        Assert.Equal("4", Evaluate(assign["maxConcurrency"]!, Bind(("states", new JsonObject { ["input"] = input }))));
    }

    [Fact]
    public void A_repeated_run_id_names_the_execution_that_owns_it()
    {
        var item = JsonNode.Parse("""{"Item": {"execution_arn": {"S": "arn:aws:states:us-east-1:123456789012:execution:o:first"}, "started_at": {"S": "2026-12-01T02:00:00Z"}, "status": {"S": "SUCCEEDED"}}}""");

        var cause = Evaluate(States["RunAlreadyExists"]!["Cause"]!, Bind(("runId", "nightly"), ("states", new JsonObject { ["input"] = item })));

        Assert.Equal("\"Run nightly was already started by execution arn:aws:states:us-east-1:123456789012:execution:o:first at 2026-12-01T02:00:00Z (status SUCCEEDED); no job was started. Redrive that execution to resume a failed run, or start a new run_id.\"", cause);
        Assert.Equal("attribute_not_exists(run_id)", States["RecordRun"]!["Arguments"]!["ConditionExpression"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0, "\"nightly-2026-12-01T020000Z.numbers\"")]
    [InlineData(2, "\"nightly-2026-12-01T020000Z.numbers.r2\"")]
    public void Child_names_come_from_run_and_job_and_the_redrive(int redriveCount, string name)
    {
        var context = new JsonObject { ["context"] = new JsonObject { ["Execution"] = new JsonObject { ["RedriveCount"] = redriveCount } } };

        Assert.Equal(name, Evaluate(JobStates["RunNumberProcessor"]!["Arguments"]!["Name"]!,
            Bind(("runId", "nightly-2026-12-01T02:00:00Z"), ("job", new JsonObject { ["name"] = "numbers" }), ("states", context))));
    }

    [Theory]
    [InlineData("""{"Tasks": [{"LastStatus": "PROVISIONING", "Containers": [{"Name": "app"}]}]}""", 1, "WaitForContainerTask")]
    [InlineData("""{"Tasks": [{"LastStatus": "RUNNING", "Containers": [{"Name": "app"}]}]}""", 2, "WaitForContainerTask")]
    [InlineData("""{"Tasks": [{"LastStatus": "STOPPED", "Containers": [{"Name": "app", "ExitCode": 0}]}]}""", 3, "ContainerTaskSucceeded")]
    [InlineData("""{"Tasks": [{"LastStatus": "STOPPED", "StopCode": "EssentialContainerExited", "Containers": [{"Name": "app", "ExitCode": 1}]}]}""", 3, "ContainerTaskFailed")]
    [InlineData("""{"Tasks": [], "Failures": [{"Reason": "MISSING"}]}""", 1, "ContainerTaskFailed")]
    [InlineData("""{"Tasks": [{"LastStatus": "RUNNING", "Containers": [{"Name": "app"}]}]}""", 60, "StopContainerTask")]
    public void Polls_follow_the_task_until_it_stops_or_times_out(string describeTasks, int polls, string next)
    {
        var choice = JobStates["CheckContainerTask"]!;
        var bindings = Bind(("polls", polls), ("taskArn", "arn:task"), ("states", new JsonObject { ["input"] = JsonNode.Parse(describeTasks) }));

        var taken = choice["Choices"]!.AsArray().FirstOrDefault(rule => Evaluate(rule!["Condition"]!, bindings) == "true")?["Next"]?.GetValue<string>()
            ?? choice["Default"]!.GetValue<string>();

        Assert.Equal(next, taken);
    }

    [Fact]
    public void A_failed_container_names_exit_code_and_stop_reason()
    {
        var input = JsonNode.Parse("""{"Tasks": [{"LastStatus": "STOPPED", "StopCode": "EssentialContainerExited", "StoppedReason": "Essential container in task exited", "Containers": [{"Name": "app", "ExitCode": 1}]}]}""");

        Assert.Equal("\"Task arn:task stopped with exit code 1 (stop code EssentialContainerExited: Essential container in task exited)\"",
            Evaluate(JobStates["ContainerTaskFailed"]!["Output"]!["Cause"]!, Bind(("taskArn", "arn:task"), ("states", new JsonObject { ["input"] = input }))));
    }

    [Fact]
    public void Jobs_failed_lists_each_failed_job_with_its_error()
    {
        var results = JsonNode.Parse("""
            [{"name": "numbers-a", "workflow": "number-processor", "status": "SUCCEEDED", "output": {}},
             {"name": "numbers-bad", "workflow": "number-processor", "status": "FAILED", "error": "States.TaskFailed", "cause": "child failed"},
             {"name": "report", "workflow": "container-task", "status": "FAILED", "error": "JobTimedOut", "cause": ""}]
            """)!;
        var failed = JsonNode.Parse(Evaluate(States["RunJobs"]!["Assign"]!["failed"]!, Bind(("states", new JsonObject { ["result"] = results.DeepClone() }))));

        var cause = Evaluate(States["JobsFailed"]!["Cause"]!, Bind(("failed", failed), ("results", results), ("runId", "r1")));

        Assert.Equal("\"2 of 3 jobs of run r1 failed: numbers-bad (number-processor) States.TaskFailed: child failed; report (container-task) JobTimedOut\"", cause);
        Assert.Equal("true", Evaluate(States["CheckJobs"]!["Choices"]![0]!["Condition"]!, Bind(("failed", failed))));
    }

    private static string Problems(JsonNode? manifest) =>
        Evaluate(States["ValidateManifest"]!["Output"]!["problems"]!, Bind(("states", new JsonObject { ["input"] = manifest })));

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
