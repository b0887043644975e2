using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations.DynamoDb;

namespace StepFunctions.Local.Tests;

/// <summary>Query and Scan on the local tables: key conditions, sort order, filters, projections, paging and
/// DynamoDB's validation messages.</summary>
public sealed class DynamoDbQueryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dynamodb-query-").FullName;
    private readonly LocalDynamoDbTables tables;

    public DynamoDbQueryTests()
    {
        tables = new LocalDynamoDbTables(Path.Combine(folder, "tables.json"), new Dictionary<string, IReadOnlyList<string>>
        {
            ["runs"] = ["run_id", "record"],
            ["flat"] = ["id"],
        });
        // Written out of order: a Query must order by the sort key whatever the file's order.
        foreach (var (run, record, status, attempts) in new[]
        {
            ("r1", "JOB#b", "FAILED", "2"), ("r1", "RUN", "FAILED", "0"), ("r1", "JOB#a", "SUCCEEDED", "1"),
            ("r2", "JOB#a", "RUNNING", "1"), ("r1", "JOB#c", "BLOCKED", "0"), ("r1", "SLOT#0#1", "HELD", "0"),
        })
        {
            tables.PutItem(Json($$$$"""
                {"TableName": "runs", "Item": {"run_id": {"S": "{{{{run}}}}"}, "record": {"S": "{{{{record}}}}"},
                 "status": {"S": "{{{{status}}}}"}, "attempts": {"N": "{{{{attempts}}}}"}}}
                """));
        }
        foreach (var id in new[] { "10", "9", "100" })
        {
            tables.PutItem(Json($$$$"""{"TableName": "flat", "Item": {"id": {"N": "{{{{id}}}}"}}}"""));
        }
    }

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    private static List<string> Records(JsonObject response) =>
        [.. response["Items"]!.AsArray().Select(item => item!["record"]!["S"]!.GetValue<string>())];

    /// <summary>Run r1's job records; <paramref name="extra"/> adds members (each starting with a comma).</summary>
    private JsonObject QueryRun(string extra = "") => tables.Query(Json("""
        {"TableName": "runs", "KeyConditionExpression": "run_id = :run AND begins_with(#record, :job)",
         "ExpressionAttributeNames": {"#record": "record"}, "ExpressionAttributeValues": {":run": {"S": "r1"}, ":job": {"S": "JOB#"}}
        """ + extra + "}"));

    [Fact]
    public void Query_reads_one_partition_in_sort_key_order_and_begins_with_narrows_the_sort_key()
    {
        var response = QueryRun();

        Assert.Equal(["JOB#a", "JOB#b", "JOB#c"], Records(response));
        Assert.Equal(3, response["Count"]!.GetValue<int>());
        Assert.Equal(3, response["ScannedCount"]!.GetValue<int>());
        Assert.Null(response["LastEvaluatedKey"]);
    }

    [Fact]
    public void ScanIndexForward_false_reverses_the_order()
    {
        Assert.Equal(["JOB#c", "JOB#b", "JOB#a"], Records(QueryRun(""", "ScanIndexForward": false""")));
    }

    [Theory]
    [InlineData("run_id = :run AND #record = :x", """{":run": {"S": "r1"}, ":x": {"S": "RUN"}}""", "RUN")]
    [InlineData("#record BETWEEN :a AND :b AND run_id = :run", """{":run": {"S": "r1"}, ":a": {"S": "JOB#b"}, ":b": {"S": "JOB#z"}}""", "JOB#b,JOB#c")]
    [InlineData("run_id = :run AND #record > :x", """{":run": {"S": "r1"}, ":x": {"S": "RUN"}}""", "SLOT#0#1")]
    [InlineData("run_id = :run AND #record <= :x", """{":run": {"S": "r1"}, ":x": {"S": "JOB#b"}}""", "JOB#a,JOB#b")]
    [InlineData("run_id = :run", """{":run": {"S": "r2"}}""", "JOB#a")]
    public void Sort_key_conditions_select_the_records_dynamodb_would(string condition, string values, string expected)
    {
        var names = condition.Contains("#record", StringComparison.Ordinal) ? """ "ExpressionAttributeNames": {"#record": "record"},""" : "";
        var response = tables.Query(Json($$"""
            {"TableName": "runs", "KeyConditionExpression": "{{condition}}",{{names}} "ExpressionAttributeValues": {{values}}}
            """));

        Assert.Equal(expected, string.Join(',', Records(response)));
    }

    [Fact]
    public void The_filter_applies_after_the_limit_so_count_and_scanned_count_differ_and_paging_resumes()
    {
        var first = tables.Query(Json("""
            {"TableName": "runs", "KeyConditionExpression": "run_id = :run", "FilterExpression": "#s IN (:failed, :blocked) OR attempts > :two",
             "ExpressionAttributeNames": {"#s": "status"},
             "ExpressionAttributeValues": {":run": {"S": "r1"}, ":failed": {"S": "FAILED"}, ":blocked": {"S": "BLOCKED"}, ":two": {"N": "1"}},
             "Limit": 2}
            """));

        // JOB#a (SUCCEEDED, 1 attempt) and JOB#b (FAILED) read; JOB#b passes.
        Assert.Equal(["JOB#b"], Records(first));
        Assert.Equal(2, first["ScannedCount"]!.GetValue<int>());
        Assert.Equal("""{"run_id":{"S":"r1"},"record":{"S":"JOB#b"}}""", first["LastEvaluatedKey"]!.ToJsonString());

        var second = tables.Query(Json("""
            {"TableName": "runs", "KeyConditionExpression": "run_id = :run", "FilterExpression": "#s IN (:failed, :blocked)",
             "ExpressionAttributeNames": {"#s": "status"},
             "ExpressionAttributeValues": {":run": {"S": "r1"}, ":failed": {"S": "FAILED"}, ":blocked": {"S": "BLOCKED"}},
             "ExclusiveStartKey":
            """ + first["LastEvaluatedKey"]!.ToJsonString() + "}"));

        Assert.Equal(["JOB#c", "RUN"], Records(second));
        Assert.Null(second["LastEvaluatedKey"]);
    }

    [Fact]
    public void Projection_and_select_count_shape_the_answer()
    {
        var projected = QueryRun(""", "ProjectionExpression": "#record, attempts", "Limit": 1""");
        Assert.Equal("""[{"record":{"S":"JOB#a"},"attempts":{"N":"1"}}]""", projected["Items"]!.ToJsonString());

        var counted = QueryRun(", \"Select\": \"COUNT\"");
        Assert.Null(counted["Items"]);
        Assert.Equal(3, counted["Count"]!.GetValue<int>());
    }

    [Fact]
    public void Scan_reads_every_item_in_key_order_numbers_by_value_and_pages()
    {
        var flat = tables.Scan(Json("""{"TableName": "flat"}"""));
        Assert.Equal("9,10,100", string.Join(',', flat["Items"]!.AsArray().Select(i => i!["id"]!["N"]!.GetValue<string>())));

        var page = tables.Scan(Json("""{"TableName": "runs", "Limit": 5}"""));
        Assert.Equal(5, page["Count"]!.GetValue<int>());
        var rest = tables.Scan(Json("""{"TableName": "runs", "ExclusiveStartKey": """ + page["LastEvaluatedKey"]!.ToJsonString() + "}"));
        Assert.Equal("""[{"run_id":{"S":"r2"},"record":{"S":"JOB#a"},"status":{"S":"RUNNING"},"attempts":{"N":"1"}}]""", rest["Items"]!.ToJsonString());
    }

    [Theory]
    [InlineData("attribute_exists(attempts) AND NOT begins_with(#s, :f)", 4)]
    [InlineData("contains(#s, :ai) AND size(#s) = :six", 2)]
    [InlineData("(#s = :f OR #s = :b) AND attempts BETWEEN :zero AND :one", 2)]
    [InlineData("#s = :f OR #s = :b AND attempts > :one", 2)]
    [InlineData("attribute_not_exists(nothing) AND attribute_type(attempts, :numeric)", 6)]
    public void Filters_combine_functions_and_operators_with_dynamodb_precedence(string filter, int count)
    {
        var response = tables.Scan(Json($$"""
            {"TableName": "runs", "FilterExpression": "{{filter}}", "Select": "COUNT",
             "ExpressionAttributeNames": {{(filter.Contains("#s", StringComparison.Ordinal) ? """{"#s": "status"}""" : "{}")}},
             "ExpressionAttributeValues": {{Values(filter)}}}
            """));

        Assert.Equal(count, response["Count"]!.GetValue<int>());
    }

    private static string Values(string filter)
    {
        var all = new Dictionary<string, string>
        {
            [":f"] = """{"S": "FAILED"}""", [":b"] = """{"S": "BLOCKED"}""", [":ai"] = """{"S": "AI"}""", [":six"] = """{"N": "6"}""",
            [":zero"] = """{"N": "0"}""", [":one"] = """{"N": "1"}""", [":numeric"] = """{"S": "N"}""",
        };
        return "{" + string.Join(',', all.Where(v => filter.Contains(v.Key, StringComparison.Ordinal)).Select(v => $"\"{v.Key}\": {v.Value}")) + "}";
    }

    [Theory]
    [InlineData("""{"TableName": "runs"}""", "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "attempts = :a", "ExpressionAttributeValues": {":a": {"N": "1"}}}""", "Query condition missed key schema element: run_id")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "run_id = :a OR run_id = :a", "ExpressionAttributeValues": {":a": {"S": "r1"}}}""", "Invalid operator used in KeyConditionExpression: OR")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "run_id = :a", "ExpressionAttributeValues": {":a": {"S": "r1"}, ":b": {"S": "x"}}}""", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "run_id = :missing"}""", "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "run_id = :a AND #r = :a", "ExpressionAttributeValues": {":a": {"S": "r1"}}}""", "Invalid KeyConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #r")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "run_id = = :a", "ExpressionAttributeValues": {":a": {"S": "r1"}}}""", "Invalid KeyConditionExpression: Syntax error; token: \"=\"")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "run_id = :a", "ExpressionAttributeValues": {":a": {"S": "r1"}}, "Limit": 0}""", "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    [InlineData("""{"TableName": "runs", "KeyConditionExpression": "run_id = :a", "ExpressionAttributeValues": {":a": {"S": "r1"}}, "ExclusiveStartKey": {"run_id": {"S": "r1"}}}""", "The provided starting key is invalid: The provided key element does not match the schema")]
    public void Bad_queries_are_validation_errors_with_dynamodb_messages(string parameters, string message)
    {
        var error = Assert.Throws<DynamoDbException>(() => tables.Query(Json(parameters)));

        Assert.Equal("ValidationException", error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_table_is_resource_not_found()
    {
        var error = Assert.Throws<DynamoDbException>(() => tables.Scan(Json("""{"TableName": "nope"}""")));

        Assert.Equal("ResourceNotFoundException", error.Code);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
