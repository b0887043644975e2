using Lambdas.JobNet;
using Lambdas.Runtime;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.JobNet;

public sealed class JobNetHandlerTests
{
    private static JsonHandler<JobNetRequest, JobNetResponse> Handler() => JsonHandler.Create(
        new JobNetHandler().Handle, JobNetJsonContext.Default.JobNetRequest, JobNetJsonContext.Default.JobNetResponse, JobNetHandler.Contract);

    [Fact]
    public async Task Validate_returns_the_manifest_with_its_defaults_in_snake_case()
    {
        var json = await Invoke.RawAsync(Handler(), """
            {"action": "validate", "manifest": {"run_id": "r", "jobs": [{"name": "a", "workflow": "container-task"}]},
             "settings": {"max_jobs": 20, "default_max_concurrency": 4, "workflows": {"container-task": 1800}}}
            """);

        Assert.Equal("""{"problems":[],"jobs":[{"name":"a","workflow":"container-task","input":{},"depends_on":[],"timeout_seconds":1800,"retries":0}],"max_concurrency":4,"overlap":"allow"}""", json);
    }

    [Fact]
    public async Task Summarize_reads_the_jobs_Map_output()
    {
        var json = await Invoke.RawAsync(Handler(), """
            {"action": "summarize", "run_id": "r", "results": [
              {"name": "a", "workflow": "container-task", "status": "FAILED", "attempts": 1, "error": "JobTimedOut", "cause": "still running", "blocked_by": [], "output": null},
              {"name": "b", "workflow": "container-task", "status": "BLOCKED", "attempts": 0, "error": "", "cause": "", "blocked_by": ["a"], "output": null}]}
            """);

        Assert.StartsWith("""{"status":"FAILED","rerun":["a","b"],"failed":["a"],"blocked":["b"],"cause":"Run r: 1 of 2 jobs failed, 1 blocked.""", json);
    }

    [Theory]
    [InlineData("""{"action": "run"}""", "Field 'action' must be \"validate\" or \"summarize\", got \"run\".")]
    [InlineData("""{"action": "validate", "manifest": {}}""", "Field 'settings' is required to validate a manifest.")]
    [InlineData("""{"action": "summarize", "run_id": "r"}""", "Field 'results' is required to summarize a run: the jobs' Map output.")]
    [InlineData("""{"action": "summarize", "run_id": "r", "results": [{"name": "a", "status": "LOST"}]}""", "Field 'results' must be an array of")]
    public async Task Bad_requests_name_the_field_and_what_is_allowed(string body, string message)
    {
        var error = await Invoke.FailsAsync<InvalidInputException>(Handler(), body);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
