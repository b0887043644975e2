using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.DynamoDb;

/// <summary>
/// The runs table a real job net wrote, read with the AWS CLI's <c>aws dynamodb</c> against the server: Query with a
/// key condition (and the CLI's own paging over LastEvaluatedKey), GetItem, Scan with a filter, and DynamoDB's errors
/// as the CLI reports them. ListTagsForResource marks the orchestrator as a job net with its runs table.
/// </summary>
public sealed class DynamoDbApiTests
{
    private const string Orchestrator = $"arn:aws:states:us-east-1:{ServerFixture.Account}:stateMachine:serverless-workflows-orchestrator";

    private const string Manifest = """
        {"run_id": "cli-run", "series": "cli", "jobs": [
          {"name": "first", "workflow": "container-task", "input": {}},
          {"name": "breaks", "workflow": "container-task", "input": {}, "depends_on": ["first"]},
          {"name": "after", "workflow": "container-task", "input": {}, "depends_on": ["breaks"]}
        ]}
        """;

    private static List<string> Values(JsonNode answer, string attribute) =>
        [.. answer["Items"]!.AsArray().Select(item => item![attribute]!["S"]!.GetValue<string>())];

    [Fact]
    public async Task The_aws_cli_queries_gets_and_scans_the_runs_table_a_job_net_wrote()
    {
        await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 0.001", environment: new Dictionary<string, string> { ["ECS_FAIL_JOBS"] = "breaks" });
        var arn = (await RawHttp.CallAsync(server.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = Orchestrator, ["input"] = Manifest }))["executionArn"]!.GetValue<string>();
        for (var deadline = DateTime.UtcNow.AddMinutes(2); (await RawHttp.CallAsync(server.Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = arn }))["status"]!.GetValue<string>() == "RUNNING"; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < deadline, "the run should end");
        }

        var tags = (await AwsCli.RunAsync(server.Endpoint, "list-tags-for-resource", "--resource-arn", Orchestrator)).Ok["tags"]!.AsArray();
        var table = tags.Single(t => t!["key"]!.GetValue<string>() == "job-net:runs-table")!["value"]!.GetValue<string>();
        Assert.Equal([table], (await AwsCli.DynamoDbAsync(server.Endpoint, "list-tables")).Ok["TableNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty((await AwsCli.RunAsync(server.Endpoint, "list-tags-for-resource", "--resource-arn", ServerFixture.NumberProcessor)).Ok["tags"]!.AsArray());

        string[] jobs = ["query", "--table-name", table, "--key-condition-expression", "run_id = :run AND begins_with(#record, :job)",
            "--expression-attribute-names", """{"#record": "record"}""", "--expression-attribute-values", """{":run": {"S": "cli-run"}, ":job": {"S": "JOB#"}}"""];
        var all = (await AwsCli.DynamoDbAsync(server.Endpoint, jobs)).Ok;
        Assert.Equal(["JOB#after", "JOB#breaks", "JOB#first"], Values(all, "record"));
        Assert.Equal(["BLOCKED", "FAILED", "SUCCEEDED"], Values(all, "status"));

        // One item a page: the CLI follows LastEvaluatedKey by itself and merges the pages.
        var paged = (await AwsCli.DynamoDbAsync(server.Endpoint, [.. jobs, "--page-size", "1", "--no-scan-index-forward"])).Ok;
        Assert.Equal(["JOB#first", "JOB#breaks", "JOB#after"], Values(paged, "record"));

        var run = (await AwsCli.DynamoDbAsync(server.Endpoint, "get-item", "--table-name", table, "--key", """{"run_id": {"S": "cli-run"}, "record": {"S": "RUN"}}""")).Ok;
        Assert.Equal(arn, run["Item"]!["execution_arn"]!["S"]!.GetValue<string>());

        var failed = (await AwsCli.DynamoDbAsync(server.Endpoint, "scan", "--table-name", table, "--filter-expression", "begins_with(#record, :job) AND #status = :failed",
            "--expression-attribute-names", """{"#record": "record", "#status": "status"}""", "--expression-attribute-values", """{":job": {"S": "JOB#"}, ":failed": {"S": "FAILED"}}""")).Ok;
        Assert.Equal(["JOB#breaks"], Values(failed, "record"));
        Assert.Contains("ContainerTaskFailed", failed["Items"]![0]!["error"]!["S"]!.GetValue<string>(), StringComparison.Ordinal);

        var missing = await AwsCli.DynamoDbAsync(server.Endpoint, "query", "--table-name", "nope", "--key-condition-expression", "run_id = :r", "--expression-attribute-values", """{":r": {"S": "x"}}""");
        Assert.Equal(("ResourceNotFoundException", "Requested resource not found: Table: nope not found"), (missing.ErrorCode, missing.ErrorMessage));
        var wrongKey = await AwsCli.DynamoDbAsync(server.Endpoint, "query", "--table-name", table, "--key-condition-expression", "#status = :s",
            "--expression-attribute-names", """{"#status": "status"}""", "--expression-attribute-values", """{":s": {"S": "FAILED"}}""");
        Assert.Equal(("ValidationException", "Query condition missed key schema element: run_id"), (wrongKey.ErrorCode, wrongKey.ErrorMessage));
        var unused = await AwsCli.DynamoDbAsync(server.Endpoint, "get-item", "--table-name", table, "--key", """{"run_id": {"S": "cli-run"}}""");
        Assert.Equal(("ValidationException", "The provided key element does not match the schema"), (unused.ErrorCode, unused.ErrorMessage));
    }
}
