using StepFunctions.Local.Integrations.DynamoDb;

namespace StepFunctions.Local.Tests;

/// <summary>dynamodb:putItem/getItem/updateItem tasks on the local tables: results, SDK metadata and the error
/// names and causes Retry and Catch see.</summary>
public sealed class DynamoDbIntegrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dynamodb-tasks-").FullName;

    private LocalDynamoDbTables Tables() => new(Path.Combine(folder, "dynamodb.json"),
        new Dictionary<string, IReadOnlyList<string>> { ["runs"] = ["run_id", "record"] });

    // Records a run once; a second start of the same run is caught and looks the first one up.
    private const string RecordRun = """
        {"QueryLanguage": "JSONata", "StartAt": "Put", "States": {
          "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Arguments": {"TableName": "runs", "Item": {"run_id": {"S": "{% $states.input.run %}"}, "record": {"S": "RUN"}, "by": {"S": "{% $states.context.Execution.Name %}"}},
                                "ConditionExpression": "attribute_not_exists(run_id)"},
                  "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "Output": "{% $states.errorOutput %}", "Next": "Get"}],
                  "Next": "Update"},
          "Update": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
                     "Arguments": {"TableName": "runs", "Key": {"run_id": {"S": "{% $states.context.Execution.Input.run %}"}, "record": {"S": "RUN"}},
                                   "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"}, "ExpressionAttributeValues": {":s": {"S": "DONE"}}},
                     "End": true},
          "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                  "Arguments": {"TableName": "runs", "Key": {"run_id": {"S": "{% $states.context.Execution.Input.run %}"}, "record": {"S": "RUN"}}},
                  "Output": {"error": "{% $states.input %}", "item": "{% $states.result.Item %}"}, "End": true}}}
        """;

    [Fact]
    public async Task A_second_conditional_put_is_caught_by_its_dynamodb_error_name()
    {
        var first = await Sfn.Output(RecordRun, """{"run": "r1"}""", Sfn.Resolver().WithDynamoDb(Tables()).Build());
        var second = await Sfn.Output(RecordRun, """{"run": "r1"}""", Sfn.Resolver().WithDynamoDb(Tables()).Build());

        Assert.Equal(200, first!["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>());
        Assert.Equal("DynamoDB.ConditionalCheckFailedException", second!["error"]!["Error"]!.GetValue<string>());
        Assert.Matches(@"^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: [0-9a-f-]{36}; Proxy: null\)$",
            second["error"]!["Cause"]!.GetValue<string>());
        Assert.Equal(("r1", "DONE"), (second["item"]!["run_id"]!["S"]!.GetValue<string>(), second["item"]!["status"]!["S"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_table_fails_the_task_with_ResourceNotFoundException()
    {
        var result = await Sfn.Failure(RecordRun.Replace("\"TableName\": \"runs\", \"Item\"", "\"TableName\": \"nope\", \"Item\"", StringComparison.Ordinal),
            """{"run": "r1"}""", Sfn.Resolver().WithDynamoDb(Tables()).Build());

        Assert.Equal("DynamoDB.ResourceNotFoundException", result.Error);
        Assert.Contains("Table: nope not found", result.Cause, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
