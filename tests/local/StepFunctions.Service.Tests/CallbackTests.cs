using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>The callback pattern on the server: a <c>.waitForTaskToken</c> task sends its token out (here in an SNS
/// message, read from the outbox beside the database), waits, survives a restart under the same token, and ends
/// with what the AWS CLI's send-task-success/-failure answer.</summary>
public sealed class CallbackTests
{
    private const string Definition = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sns:publish.waitForTaskToken",
          "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:approvals","Message.$":"States.JsonToString($$.Task)"},
          "ResultPath":"$.approval","End":true}}}
        """;

    private static async Task<string> CreateAsync(ServerProcess server) =>
        (await RawHttp.CallAsync(server.Endpoint, "CreateStateMachine", new JsonObject
        {
            ["name"] = "approval", ["definition"] = Definition, ["roleArn"] = ServerFixture.Role,
        }))["stateMachineArn"]!.GetValue<string>();

    private static async Task<string> StartAsync(ServerProcess server, string machine, string name) =>
        (await RawHttp.CallAsync(server.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = name, ["input"] = """{"order":7}""" }))["executionArn"]!.GetValue<string>();

    /// <summary>The tokens the tasks sent so far, in the order of their messages.</summary>
    private static List<string> Tokens(ServerProcess server)
    {
        var outbox = Path.Combine(Path.GetDirectoryName(server.Database)!, "sns-outbox.jsonl");
        return File.Exists(outbox)
            ? [.. File.ReadAllLines(outbox).Select(line => JsonNode.Parse(JsonNode.Parse(line)!["Message"]!.GetValue<string>())!["Token"]!.GetValue<string>())]
            : [];
    }

    private static async Task<List<string>> WaitForTokensAsync(ServerProcess server, int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); Tokens(server).Count < count; await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} message(s) with a task token in the outbox");
        }
        return Tokens(server);
    }

    private static async Task<JsonObject> WaitForEndAsync(ServerProcess server, string arn)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(20))
        {
            var described = await RawHttp.CallAsync(server.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn });
            if (described["status"]!.GetValue<string>() != "RUNNING" || DateTime.UtcNow > deadline)
            {
                return described;
            }
        }
    }

    [Fact]
    public async Task A_waiting_task_survives_a_restart_and_ends_with_what_send_task_success_answers()
    {
        var first = await ServerProcess.StartAsync();
        var arn = await StartAsync(first, await CreateAsync(first), "order-7");
        var token = Assert.Single(await WaitForTokensAsync(first, 1));
        Assert.Equal(0, await first.InterruptAsync()); // the task is waiting: the execution stays RUNNING

        await using var second = await ServerProcess.StartAsync(first.Database);
        // Resumed, the task sends its request again, with the token the worker already holds.
        Assert.Equal([token, token], await WaitForTokensAsync(second, 2));
        (await AwsCli.RunAsync(second.Endpoint, "send-task-success", "--task-token", token, "--task-output", """{"approved": true}""")).Ok.ToString();

        var ended = await WaitForEndAsync(second, arn);
        Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
        Assert.Equal("""{"order":7,"approval":{"approved":true}}""", JsonNode.Parse(ended["output"]!.GetValue<string>())!.ToJsonString());
        var history = await RawHttp.CallAsync(second.Endpoint, "GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 });
        Assert.Contains(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "TaskSubmitted");

        // Answered: the token is spent.
        var again = await AwsCli.RunAsync(second.Endpoint, "send-task-success", "--task-token", token, "--task-output", "{}");
        Assert.Equal("TaskDoesNotExist", again.ErrorCode);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Send_task_failure_fails_the_execution_and_bad_answers_get_the_APIs_errors()
    {
        await using var server = await ServerProcess.StartAsync();
        var arn = await StartAsync(server, await CreateAsync(server), "order-8");
        var token = Assert.Single(await WaitForTokensAsync(server, 1));

        var invalid = await AwsCli.RunAsync(server.Endpoint, "send-task-success", "--task-token", token, "--task-output", "{not json");
        Assert.Equal("InvalidOutput", invalid.ErrorCode);
        (await AwsCli.RunAsync(server.Endpoint, "send-task-heartbeat", "--task-token", token)).Ok.ToString();
        (await AwsCli.RunAsync(server.Endpoint, "send-task-failure", "--task-token", token, "--error", "Approval.Rejected", "--cause", "not in stock")).Ok.ToString();

        var ended = await WaitForEndAsync(server, arn);
        Assert.Equal(("FAILED", "Approval.Rejected", "not in stock"),
            (ended["status"]!.GetValue<string>(), ended["error"]!.GetValue<string>(), ended["cause"]!.GetValue<string>()));
        var unknown = await AwsCli.RunAsync(server.Endpoint, "send-task-heartbeat", "--task-token", "AQnever-issued");
        Assert.Equal("TaskDoesNotExist", unknown.ErrorCode);
    }

    [Fact]
    public async Task A_token_computed_from_the_execution_arn_answers_nothing()
    {
        await using var server = await ServerProcess.StartAsync();
        var arn = await StartAsync(server, await CreateAsync(server), "order-9");
        var token = Assert.Single(await WaitForTokensAsync(server, 1));

        // What anyone who knows the ARN could compute if tokens were a plain hash of (execution, state entry, retry).
        foreach (var enteredEventId in Enumerable.Range(1, 5))
        {
            var guessed = "AQ" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{arn}|{enteredEventId}|0")))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.NotEqual(token, guessed);
            var answer = await AwsCli.RunAsync(server.Endpoint, "send-task-success", "--task-token", guessed, "--task-output", "{}");
            Assert.Equal("TaskDoesNotExist", answer.ErrorCode);
        }
        Assert.Equal("RUNNING", (await RawHttp.CallAsync(server.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn }))["status"]!.GetValue<string>());
    }
}
