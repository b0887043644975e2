using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The Lambdas' log lines are where they are on AWS, in CloudWatch Logs: the service answers the Logs API
/// (<c>aws logs …</c>) with a group per deployed function, a stream per function instance, and each invocation's
/// platform start, lines and report, found by the request id the state's output carries.</summary>
public sealed class LogsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Odd = "/aws/lambda/serverless-workflows-odd";
    private const string EvenFunction = "arn:aws:lambda:us-east-1:123456789012:function:serverless-workflows-even";

    private static async Task<string> StartAsync(string endpoint, string machine, string input) =>
        (await RawHttp.CallAsync(endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["input"] = input }))["executionArn"]!.GetValue<string>();

    private static IEnumerable<JsonObject> OfType(JsonArray history, string type) =>
        history.Select(e => e!.AsObject()).Where(e => e["type"]!.GetValue<string>() == type);

    private static long Ms(JsonObject historyEvent) => (long)Math.Round(historyEvent["timestamp"]!.GetValue<double>() * 1000);

    private static List<string> Messages(JsonNode answer) => [.. answer["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>())];

    [Fact]
    public async Task A_lambda_states_lines_are_found_by_its_request_id_with_the_AWS_CLI_across_a_restart()
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
        var odd = OfType(history, "TaskSucceeded").Last(); // NumberGenerator, then Odd (lambda:invoke)
        var requestId = JsonNode.Parse(odd["taskSucceededEventDetails"]!["output"]!.GetValue<string>())!["SdkResponseMetadata"]!["RequestId"]!.GetValue<string>();

        var groups = (await AwsCli.LogsAsync(second.Endpoint, "describe-log-groups", "--log-group-name-prefix", "/aws/lambda/")).Ok["logGroups"]!.AsArray()
            .Select(g => g!["logGroupName"]!.GetValue<string>());
        Assert.Equal(["/aws/lambda/serverless-workflows-even", "/aws/lambda/serverless-workflows-job-net", "/aws/lambda/serverless-workflows-number-generator", Odd], groups);

        var found = (await AwsCli.LogsAsync(second.Endpoint, "filter-log-events", "--log-group-name", Odd, "--filter-pattern", $"\"{requestId}\"")).Ok;
        var messages = Messages(found);
        // The function's JSON log format: platform.start, its own line, platform.report, all naming the request id.
        Assert.Contains("\"type\":\"platform.start\"", messages[0], StringComparison.Ordinal);
        Assert.Contains(messages, m => m.Contains("number 7 is odd", StringComparison.Ordinal));
        Assert.Contains("\"type\":\"platform.report\"", messages[^1], StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Contains(requestId, m, StringComparison.Ordinal));
        var stream = Assert.Single(found["events"]!.AsArray().Select(e => e!["logStreamName"]!.GetValue<string>()).Distinct());

        // The stream is listed, and reading it from the head gives the same invocation's lines.
        var streams = (await AwsCli.LogsAsync(second.Endpoint, "describe-log-streams", "--log-group-name", Odd)).Ok["logStreams"]!.AsArray();
        Assert.Contains(streams, s => s!["logStreamName"]!.GetValue<string>() == stream);
        var read = Messages((await AwsCli.LogsAsync(second.Endpoint, "get-log-events", "--log-group-name", Odd, "--log-stream-name", stream, "--start-from-head")).Ok);
        Assert.Contains(messages[1], read);

        // GetExecutionHistory keeps AWS's shape: the lines are not in it.
        Assert.DoesNotContain("is odd", history.ToJsonString(), StringComparison.Ordinal);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_attempts_lines_are_in_the_attempts_time_window()
    {
        var machine = await fixture.CreateAsync("""{"StartAt":"Even","States":{"Even":{"Type":"Task","Resource":"EVEN","End":true}}}""".Replace("EVEN", EvenFunction, StringComparison.Ordinal));
        var arn = await StartAsync(fixture.Endpoint, machine, """{"number":3}""");
        Assert.Equal("FAILED", (await fixture.WaitForAsync(arn))["status"]!.GetValue<string>());
        var history = await fixture.HistoryAsync(arn);
        var (scheduled, failed) = (OfType(history, "LambdaFunctionScheduled").Single(), OfType(history, "LambdaFunctionFailed").Single());

        var messages = Messages((await AwsCli.LogsAsync(fixture.Endpoint, "filter-log-events", "--log-group-name", "/aws/lambda/serverless-workflows-even",
            "--start-time", Ms(scheduled).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--end-time", Ms(failed).ToString(System.Globalization.CultureInfo.InvariantCulture))).Ok);

        Assert.Contains(messages, m => m.Contains("Invocation failed", StringComparison.Ordinal) && m.Contains("3 is odd", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("\"type\":\"platform.report\"", StringComparison.Ordinal) && m.Contains("\"status\":\"error\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filter_patterns_select_pages_follow_and_bad_requests_get_the_Logs_errors()
    {
        // Two invocations of Odd: every line of both, then only what a pattern selects, then page by page.
        foreach (var number in new[] { 11, 13 })
        {
            await fixture.WaitForAsync(await StartAsync(fixture.Endpoint, ServerFixture.NumberProcessor, $$"""{"min":{{number}},"max":{{number}}}"""));
        }
        var all = Messages((await AwsCli.LogsAsync(fixture.Endpoint, "filter-log-events", "--log-group-name", Odd)).Ok);
        Assert.Contains(all, m => m.Contains("number 11 is odd", StringComparison.Ordinal));
        Assert.Equal(all.Where(m => m.Contains("is odd", StringComparison.Ordinal) && !m.Contains("13", StringComparison.Ordinal)),
            Messages((await AwsCli.LogsAsync(fixture.Endpoint, "filter-log-events", "--log-group-name", Odd, "--filter-pattern", "\"is odd\" -13")).Ok));
        Assert.Equal(all.Where(m => m.Contains("number 11", StringComparison.Ordinal) || m.Contains("number 13", StringComparison.Ordinal)),
            Messages((await AwsCli.LogsAsync(fixture.Endpoint, "filter-log-events", "--log-group-name", Odd, "--filter-pattern", "?\"number 11\" ?\"number 13\"")).Ok));

        var paged = new List<string>();
        string? token = null;
        do
        {
            var body = new JsonObject { ["logGroupName"] = Odd, ["limit"] = 1 };
            if (token is not null)
            {
                body["nextToken"] = token;
            }
            var (status, page) = await RawHttp.PostAsync(fixture.Endpoint, "Logs_20140328.FilterLogEvents", body.ToJsonString(), "application/x-amz-json-1.1");
            Assert.Equal(200, status);
            paged.AddRange(Messages(page));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null && paged.Count <= all.Count);
        Assert.Equal(all, paged);

        var missing = await AwsCli.LogsAsync(fixture.Endpoint, "filter-log-events", "--log-group-name", "/aws/lambda/nope");
        Assert.Equal(("ResourceNotFoundException", "The specified log group does not exist."), (missing.ErrorCode, missing.ErrorMessage));
        var json = await AwsCli.LogsAsync(fixture.Endpoint, "filter-log-events", "--log-group-name", Odd, "--filter-pattern", "{ $.level = \"ERROR\" }");
        Assert.Equal("InvalidParameterException", json.ErrorCode);
        Assert.Contains("term patterns", json.ErrorMessage, StringComparison.Ordinal);
        var token2 = await AwsCli.LogsAsync(fixture.Endpoint, "get-log-events", "--log-group-name", Odd, "--log-stream-name", "s", "--next-token", "garbage");
        Assert.Equal("InvalidParameterException", token2.ErrorCode);
        Assert.Contains("nextToken", token2.ErrorMessage, StringComparison.Ordinal);
    }
}
