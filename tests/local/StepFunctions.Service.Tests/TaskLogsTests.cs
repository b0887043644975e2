using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The Lambda log lines of each task attempt are kept in the store beside the history (on AWS they are in
/// CloudWatch Logs) and served by <c>GET /_local/executions/logs</c>, for the web console's step details.</summary>
public sealed class TaskLogsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string EvenFunction = "arn:aws:lambda:us-east-1:123456789012:function:serverless-workflows-even";

    private static readonly HttpClient Http = new();

    private static async Task<(int Status, JsonObject Body)> GetLogsAsync(string endpoint, string query)
    {
        using var response = await Http.GetAsync($"{endpoint}/_local/executions/logs?{query}");
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task<Dictionary<long, List<string>>> LogsAsync(string endpoint, string executionArn, params long[] eventIds)
    {
        var (status, body) = await GetLogsAsync(endpoint, "executionArn=" + Uri.EscapeDataString(executionArn) + string.Concat(eventIds.Select(id => $"&eventId={id}")));
        Assert.Equal(200, status);
        return body["logs"]!.AsArray().ToDictionary(l => l!["eventId"]!.GetValue<long>(), l => l!["lines"]!.AsArray().Select(x => x!.GetValue<string>()).ToList());
    }

    private static async Task<string> StartAsync(string endpoint, string machine, string input) =>
        (await RawHttp.CallAsync(endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["input"] = input }))["executionArn"]!.GetValue<string>();

    private static long[] IdsOf(JsonArray history, string type) =>
        [.. history.Where(e => e!["type"]!.GetValue<string>() == type).Select(e => e!["id"]!.GetValue<long>())];

    [Fact]
    public async Task Each_lambda_attempt_keeps_its_log_lines_by_the_event_that_ended_it_across_a_restart()
    {
        var first = await ServerProcess.StartAsync();
        var arn = await StartAsync(first.Endpoint, ServerFixture.NumberProcessor, """{"min":7,"max":7}""");
        for (var deadline = DateTime.UtcNow.AddMinutes(2); (await RawHttp.CallAsync(first.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn }))["status"]!.GetValue<string>() == "RUNNING"; await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, "the execution should finish");
        }
        Assert.Equal(0, await first.InterruptAsync());

        await using var second = await ServerProcess.StartAsync(first.Database);
        var history = (await RawHttp.CallAsync(second.Endpoint, "GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 }))["events"]!.AsArray();
        var logs = await LogsAsync(second.Endpoint, arn);

        var succeeded = IdsOf(history, "TaskSucceeded"); // NumberGenerator, then Odd (lambda:invoke)
        Assert.Equal(2, succeeded.Length);
        // Odd logs its number; the generator logs nothing when it succeeds, so it has no entry (a step without lines).
        Assert.Equal([succeeded[1]], logs.Keys);
        Assert.Contains(logs[succeeded[1]], line => line.Contains("number 7 is odd", StringComparison.Ordinal));
        // One event asked for: only its lines.
        Assert.Equal([succeeded[1]], (await LogsAsync(second.Endpoint, arn, succeeded[1])).Keys);
        // GetExecutionHistory keeps AWS's shape: the lines are not in it.
        Assert.DoesNotContain("\"logs\"", history.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("is odd\"", history.ToJsonString(), StringComparison.Ordinal);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_lambda_attempt_keeps_the_lines_it_logged_before_failing()
    {
        var machine = await fixture.CreateAsync("""{"StartAt":"Even","States":{"Even":{"Type":"Task","Resource":"EVEN","End":true}}}""".Replace("EVEN", EvenFunction, StringComparison.Ordinal));
        var arn = await StartAsync(fixture.Endpoint, machine, """{"number":3}""");

        Assert.Equal("FAILED", (await fixture.WaitForAsync(arn))["status"]!.GetValue<string>());
        var failed = Assert.Single(IdsOf(await fixture.HistoryAsync(arn), "LambdaFunctionFailed"));
        var logs = await LogsAsync(fixture.Endpoint, arn);

        var lines = Assert.Single(logs, l => l.Key == failed).Value;
        Assert.Contains(lines, line => line.Contains("Invocation failed", StringComparison.Ordinal) && line.Contains("3 is odd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mocked_task_has_no_log_lines()
    {
        var arn = await StartAsync(fixture.Endpoint, ServerFixture.NumberProcessor + "#HappyEven", """{"min":1,"max":10}""");
        await fixture.WaitForAsync(arn);

        Assert.Empty(await LogsAsync(fixture.Endpoint, arn));
    }

    [Fact]
    public async Task Bad_requests_get_the_APIs_error_shape()
    {
        var (missing, body) = await GetLogsAsync(fixture.Endpoint, "executionArn=" + Uri.EscapeDataString("arn:aws:states:us-east-1:123456789012:execution:nope:nope"));
        Assert.Equal(404, missing);
        Assert.EndsWith("ExecutionDoesNotExist", body["__type"]!.GetValue<string>(), StringComparison.Ordinal);

        var arn = await StartAsync(fixture.Endpoint, ServerFixture.NumberProcessor + "#HappyEven", "{}");
        var (badId, error) = await GetLogsAsync(fixture.Endpoint, "executionArn=" + Uri.EscapeDataString(arn) + "&eventId=seven");
        Assert.Equal(400, badId);
        Assert.Equal("ValidationException", error["__type"]!.GetValue<string>());
        Assert.Contains("eventId=7", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
