using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations.DynamoDb;

namespace StepFunctions.Local.Tests;

/// <summary>The local DynamoDB table: conditional writes, SET updates and DynamoDB's error names, kept in a file.</summary>
public sealed class DynamoDbTableTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dynamodb-").FullName;

    private LocalDynamoDbTables Tables() => new(Path.Combine(folder, "dynamodb.json"),
        new Dictionary<string, IReadOnlyList<string>> { ["runs"] = ["run_id", "record"] });

    private static JsonObject Parameters(string json) => JsonNode.Parse(json)!.AsObject();

    private const string PutRun = """
        {"TableName": "runs", "Item": {"run_id": {"S": "r1"}, "record": {"S": "RUN"}, "status": {"S": "RUNNING"}},
         "ConditionExpression": "attribute_not_exists(run_id)"}
        """;

    [Fact]
    public void A_second_conditional_put_fails_like_dynamodb_and_keeps_the_first_item()
    {
        Tables().PutItem(Parameters(PutRun));

        // A new instance on the same file: the state survives the run, as the table survives on AWS.
        var error = Assert.Throws<DynamoDbException>(() => Tables().PutItem(Parameters(PutRun.Replace("RUNNING", "OTHER"))));

        Assert.Equal("ConditionalCheckFailedException", error.Code);
        Assert.Equal("""{"Item":{"run_id":{"S":"r1"},"record":{"S":"RUN"},"status":{"S":"RUNNING"}}}""",
            Tables().GetItem(Parameters("""{"TableName": "runs", "Key": {"run_id": {"S": "r1"}, "record": {"S": "RUN"}}}""")).ToJsonString());
    }

    private static string ClaimLock(string me) => """
        {"TableName": "runs", "Item": {"run_id": {"S": "series#web"}, "record": {"S": "OWNER"}, "owner_execution_arn": {"S": "ME"}},
         "ConditionExpression": "attribute_not_exists(run_id) OR #owner = :me",
         "ExpressionAttributeNames": {"#owner": "owner_execution_arn"}, "ExpressionAttributeValues": {":me": {"S": "ME"}}}
        """.Replace("ME", me, StringComparison.Ordinal);

    [Fact]
    public void A_lock_condition_with_or_holds_for_an_absent_item_and_its_owner_and_fails_for_another()
    {
        var tables = Tables();
        tables.PutItem(Parameters(ClaimLock("arn:first")));
        tables.PutItem(Parameters(ClaimLock("arn:first")));

        var error = Assert.Throws<DynamoDbException>(() => tables.PutItem(Parameters(ClaimLock("arn:second"))));

        Assert.Equal("ConditionalCheckFailedException", error.Code);
        Assert.Contains("arn:first", tables.GetItem(Parameters("""{"TableName": "runs", "Key": {"run_id": {"S": "series#web"}, "record": {"S": "OWNER"}}}""")).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_conditional_delete_removes_the_item_only_when_the_condition_holds()
    {
        var tables = Tables();
        tables.PutItem(Parameters(ClaimLock("arn:first")));
        const string release = """
            {"TableName": "runs", "Key": {"run_id": {"S": "series#web"}, "record": {"S": "OWNER"}},
             "ConditionExpression": "#owner = :me", "ExpressionAttributeNames": {"#owner": "owner_execution_arn"},
             "ExpressionAttributeValues": {":me": {"S": "ME"}}}
            """;

        Assert.Equal("ConditionalCheckFailedException", Assert.Throws<DynamoDbException>(() => tables.DeleteItem(Parameters(release.Replace("ME", "arn:second")))).Code);
        tables.DeleteItem(Parameters(release.Replace("ME", "arn:first")));

        Assert.Equal("{}", tables.GetItem(Parameters("""{"TableName": "runs", "Key": {"run_id": {"S": "series#web"}, "record": {"S": "OWNER"}}}""")).ToJsonString());
    }

    [Fact]
    public void Update_sets_aliased_attributes_and_creates_the_item_when_absent()
    {
        var tables = Tables();
        tables.UpdateItem(Parameters("""
            {"TableName": "runs", "Key": {"run_id": {"S": "r1"}, "record": {"S": "JOB#a"}},
             "UpdateExpression": "SET #status = :status, #error = :error",
             "ExpressionAttributeNames": {"#status": "status", "#error": "error"},
             "ExpressionAttributeValues": {":status": {"S": "FAILED"}, ":error": {"S": "JobTimedOut"}}}
            """));
        tables.UpdateItem(Parameters("""
            {"TableName": "runs", "Key": {"run_id": {"S": "r1"}, "record": {"S": "JOB#a"}},
             "UpdateExpression": "SET #status = :status", "ExpressionAttributeNames": {"#status": "status"},
             "ExpressionAttributeValues": {":status": {"S": "SUCCEEDED"}}}
            """));

        Assert.Equal("""{"Item":{"run_id":{"S":"r1"},"record":{"S":"JOB#a"},"status":{"S":"SUCCEEDED"},"error":{"S":"JobTimedOut"}}}""",
            tables.GetItem(Parameters("""{"TableName": "runs", "Key": {"run_id": {"S": "r1"}, "record": {"S": "JOB#a"}}}""")).ToJsonString());
    }

    [Fact]
    public void A_missing_item_gets_an_empty_result()
    {
        Assert.Equal("{}", Tables().GetItem(Parameters("""{"TableName": "runs", "Key": {"run_id": {"S": "x"}, "record": {"S": "RUN"}}}""")).ToJsonString());
    }

    [Theory]
    [InlineData("""{"TableName": "nope", "Key": {"run_id": {"S": "x"}, "record": {"S": "RUN"}}}""", "ResourceNotFoundException", "Table: nope not found")]
    [InlineData("""{"TableName": "runs", "Key": {"run_id": {"S": "x"}}}""", "ValidationException", "The provided key element does not match the schema")]
    public void Bad_requests_carry_dynamodb_error_names(string parameters, string error, string cause)
    {
        var exception = Assert.Throws<DynamoDbException>(() => Tables().GetItem(Parameters(parameters)));

        Assert.Equal(error, exception.Code);
        Assert.Contains(cause, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"TableName": "runs", "Key": {"run_id": {"S": "x"}, "record": {"S": "RUN"}}, "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}""", "only SET name = :value")]
    [InlineData("""{"TableName": "runs", "Key": {"run_id": {"S": "x"}, "record": {"S": "RUN"}}, "UpdateExpression": "SET #s = :s", "ExpressionAttributeValues": {":s": {"S": "x"}}}""", "attribute name: #s")]
    [InlineData("""{"TableName": "runs", "Key": {"run_id": {"S": "x"}, "record": {"S": "RUN"}}, "UpdateExpression": "SET s = :s"}""", "attribute value: :s")]
    public void Unsupported_or_incomplete_update_expressions_are_validation_errors(string parameters, string cause)
    {
        var exception = Assert.Throws<DynamoDbException>(() => Tables().UpdateItem(Parameters(parameters)));

        Assert.Equal("ValidationException", exception.Code);
        Assert.Contains(cause, exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
