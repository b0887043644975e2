using System.Text.Json;
using System.Text.Json.Nodes;
using Lambdas.JobNet;

namespace Lambdas.Tests.JobNet;

public sealed class ManifestValidatorTests
{
    // As the orchestrator template passes them with terraform/deployment.json's settings.
    private static readonly ManifestSettings Settings = new(20, 4, new Dictionary<string, int> { ["number-processor"] = 3600, ["container-task"] = 1800 });

    private static JobNetResponse Validate(string manifest) => ManifestValidator.Validate(JsonNode.Parse(manifest), Settings);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Problems(string manifest) => JsonSerializer.Serialize(Validate(manifest).Problems, Relaxed);

    [Fact]
    public void The_example_manifests_are_valid()
    {
        var examples = Directory.GetFiles(Path.Combine(Support.RepositoryRoot.Path, "local", "examples"), "orchestrator-*.json");

        Assert.True(examples.Length >= 5, $"only {examples.Length} example manifests");
        foreach (var file in examples)
        {
            Assert.True(Validate(File.ReadAllText(file)).Problems is [], $"{file}: {Problems(File.ReadAllText(file))}");
        }
    }

    [Theory]
    [InlineData("""[1, 2]""", """["the manifest must be a JSON object with run_id and jobs"]""")]
    [InlineData("""{}""", """["run_id is missing","jobs is missing"]""")]
    [InlineData("""{"run_id": 5, "jobs": {}, "max_concurrency": "4"}""",
        """["run_id must be 1-40 letters, digits, -, _ or : (got 5)","jobs must be an array of {name, workflow, input} objects","max_concurrency must be a whole number from 1 to 20 (got '4')"]""")]
    [InlineData("""{"run_id": "bad id", "jobs": [], "max_concurrency": 2.5}""",
        """["run_id must be 1-40 letters, digits, -, _ or : (got 'bad id')","jobs is empty: a run needs at least one job","max_concurrency must be a whole number from 1 to 20 (got 2.5)"]""")]
    [InlineData("""{"run_id": "r", "jobs": [1, {"name": "a"}, {"name": "a", "workflow": "nope", "input": 3}, {"workflow": "container-task"}, {"name": "bad name!", "workflow": "number-processor"}], "max_concurrency": 0}""",
        """["max_concurrency must be a whole number from 1 to 20 (got 0)","jobs[0] must be an object with name, workflow and input","jobs[1].workflow is missing","jobs[2].workflow 'nope' is not a deployed workflow (number-processor or container-task); jobs[2].input must be a JSON object","jobs[3].name is missing","jobs[4].name must be 1-23 letters, digits, - or _ (got 'bad name!')","job names must be unique (repeated: a)"]""")]
    [InlineData("""{"run_id": "nightly-2026-12-01T02:00:00Z", "jobs": [{"name": "a", "workflow": "container-task"}, {"name": "a", "workflow": "container-task"}, {"name": "b", "workflow": "number-processor"}, {"name": "b", "workflow": "number-processor"}]}""",
        """["job names must be unique (repeated: a, b)"]""")]
    [InlineData("""{"run_id": "r", "series": "bad series!", "overlap": "queue", "deadline_seconds": 0, "jobs": [{"name": "a", "workflow": "container-task", "depends_on": "b", "retries": 4, "timeout_seconds": 1.5}]}""",
        """["deadline_seconds must be a whole number of seconds from 1 to 31536000 (a year), or null for none (got 0)","series must be 1-40 letters, digits, - or _ (got 'bad series!')","overlap must be 'skip' or 'allow' (got 'queue')","jobs[0].depends_on must be an array of job names (got 'b'); jobs[0].timeout_seconds must be a whole number of seconds from 1 to 31536000 (got 1.5); jobs[0].retries must be a whole number from 0 to 3 (got 4)"]""")]
    [InlineData("""{"run_id": "r", "overlap": "skip", "jobs": [{"name": "a", "workflow": "container-task"}]}""",
        """["overlap 'skip' needs a series: name the series whose runs must not overlap, or drop overlap"]""")]
    [InlineData("""{"run_id": "r", "series": "", "overlap": "allow", "jobs": [{"name": "a", "workflow": "container-task"}]}""",
        """["series must be 1-40 letters, digits, - or _ (got '')"]""")]
    public void Every_manifest_problem_is_named(string manifest, string problems)
    {
        Assert.Equal(problems, Problems(manifest));
    }

    [Fact]
    public void Too_many_jobs_are_refused()
    {
        var jobs = string.Join(", ", Enumerable.Range(0, 21).Select(i => $$"""{"name": "j{{i}}", "workflow": "number-processor"}"""));

        Assert.Equal("""["jobs has 21 entries; a run takes at most 20"]""", Problems($$"""{"run_id": "r", "jobs": [{{jobs}}]}"""));
    }

    [Fact]
    public void Unknown_dependencies_self_dependencies_and_cycles_are_all_reported_at_once()
    {
        var problems = Validate("""
            {"run_id": "r", "jobs": [
              {"name": "maintenance-on", "workflow": "container-task", "depends_on": ["maintenance-on"]},
              {"name": "stop-app-1", "workflow": "container-task", "depends_on": ["image-1", "nope", "gone"]},
              {"name": "image-1", "workflow": "container-task", "depends_on": ["stop-app-1"]},
              {"name": "a", "workflow": "container-task", "depends_on": ["c"]},
              {"name": "b", "workflow": "container-task", "depends_on": ["a"]},
              {"name": "c", "workflow": "container-task", "depends_on": ["b"]}
            ]}
            """).Problems;

        Assert.Equal([
            "job maintenance-on depends on itself",
            "job stop-app-1 depends on nope, gone, which are not jobs of this manifest",
            "jobs depend on each other in a cycle, so none of them could start: stop-app-1 → image-1 → stop-app-1",
            "jobs depend on each other in a cycle, so none of them could start: a → c → b → a",
        ], problems);
    }

    [Fact]
    public void A_cycle_is_named_from_its_first_job_in_the_manifest_whichever_job_the_search_enters_it_by()
    {
        var problems = Validate("""
            {"run_id": "r", "jobs": [
              {"name": "start", "workflow": "container-task", "depends_on": ["stop-app-1"]},
              {"name": "image-1", "workflow": "container-task", "depends_on": ["stop-app-1"]},
              {"name": "stop-app-1", "workflow": "container-task", "depends_on": ["image-1"]}
            ]}
            """).Problems;

        Assert.Equal(["jobs depend on each other in a cycle, so none of them could start: image-1 → stop-app-1 → image-1"], problems);
    }

    [Fact]
    public void A_valid_manifest_comes_back_with_every_default_filled_in()
    {
        var valid = Validate("""
            {"run_id": "r", "series": "web-stop", "jobs": [
              {"name": "a", "workflow": "container-task"},
              {"name": "b", "workflow": "number-processor", "input": {"min": 1}, "depends_on": ["a", "a"], "timeout_seconds": 900, "retries": 2}
            ]}
            """);

        Assert.Empty(valid.Problems!);
        Assert.Equal((4, "web-stop", "skip", (int?)null), (valid.MaxConcurrency, valid.Series, valid.Overlap, valid.DeadlineSeconds));
        var a = valid.Jobs![0];
        Assert.Equal(("a", "container-task", "{}", 0, 1800, 0), (a.Name, a.Workflow, a.Input.ToJsonString(), a.DependsOn.Count, a.TimeoutSeconds, a.Retries));
        var b = valid.Jobs[1];
        Assert.Equal(("""{"min":1}""", "a", 900, 2), (b.Input.ToJsonString(), Assert.Single(b.DependsOn), b.TimeoutSeconds, b.Retries));
    }

    [Fact]
    public void Without_a_series_runs_may_overlap()
    {
        var valid = Validate("""{"run_id": "r", "max_concurrency": 2, "deadline_seconds": 60, "jobs": [{"name": "a", "workflow": "container-task"}]}""");

        Assert.Equal((2, (string?)null, "allow", (int?)60), (valid.MaxConcurrency, valid.Series, valid.Overlap, valid.DeadlineSeconds));
    }

    [Fact]
    public void A_series_may_allow_overlapping_runs()
    {
        var valid = Validate("""{"run_id": "r", "series": "release", "overlap": "allow", "jobs": [{"name": "a", "workflow": "container-task"}]}""");

        Assert.Equal(("release", "allow"), (valid.Series, valid.Overlap));
    }

    [Theory]
    [InlineData("""{"run_id": "r", "jobs": [{"name": "a", "workflow": "container-task"}]}""", 7200)]
    [InlineData("""{"run_id": "r", "deadline_seconds": 60, "jobs": [{"name": "a", "workflow": "container-task"}]}""", 60)]
    [InlineData("""{"run_id": "r", "deadline_seconds": null, "jobs": [{"name": "a", "workflow": "container-task"}]}""", null)]
    public void A_manifest_without_a_deadline_gets_the_deployments_and_null_means_none(string manifest, int? deadline)
    {
        var valid = ManifestValidator.Validate(JsonNode.Parse(manifest), Settings with { DefaultDeadlineSeconds = 7200 });

        Assert.Equal((0, deadline), (valid.Problems!.Count, valid.DeadlineSeconds));
    }
}
