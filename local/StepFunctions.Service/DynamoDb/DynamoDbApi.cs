using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Local.Integrations.DynamoDb;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.DynamoDb;

/// <summary>
/// The reads of DynamoDB's API (JSON 1.0, <c>X-Amz-Target: DynamoDB_20120810.&lt;Operation&gt;</c>) on the tables the
/// workflows write (the orchestrator's runs table): GetItem, Query, Scan, ListTables, DescribeTable, so the AWS CLI
/// (<c>aws dynamodb query --endpoint-url …</c>) and the web console's Jobs and Runs views read the runs as on AWS.
/// Writes stay the workflows' own. The tables refuse with a <see cref="DynamoDbException"/>; this is where it
/// becomes DynamoDB's wire error.
/// </summary>
public sealed class DynamoDbApi(LocalDynamoDbTables tables)
{
    public const string TargetPrefix = "DynamoDB_20120810.";

    /// <summary>DynamoDB's model errors carry its own prefix; its validation errors the framework's.</summary>
    private const string ModelPrefix = "com.amazonaws.dynamodb.v20120810#";
    private const string ValidationPrefix = "com.amazon.coral.validate#";

    public ApiService Service() => new(TargetPrefix, ApiEndpoint.ContentType, new Dictionary<string, Func<ApiRequest, Task<JsonObject>>>(StringComparer.Ordinal)
    {
        ["GetItem"] = request => Answer(() => tables.GetItem(Checked(request, "Key"))),
        ["Query"] = request => Answer(() => tables.Query(Checked(request, "ExclusiveStartKey"))),
        ["Scan"] = request => Answer(() => tables.Scan(Checked(request, "ExclusiveStartKey"))),
        ["ListTables"] = request => Answer(() => ListTables(request)),
        ["DescribeTable"] = request => Answer(() => DescribeTable(request)),
    });

    /// <summary>The members the tables read, type-checked as DynamoDB's parser checks them (a wrong JSON type is a
    /// SerializationException); <paramref name="key"/> is the operation's key member.</summary>
    private static JsonObject Checked(ApiRequest request, string key)
    {
        request.Bounded("TableName", 1, 1024, required: true);
        foreach (var member in new[] { "KeyConditionExpression", "FilterExpression", "ProjectionExpression", "Select", "IndexName" })
        {
            request.String(member);
        }
        foreach (var member in new[] { key, "ExpressionAttributeNames", "ExpressionAttributeValues" })
        {
            request.Object(member);
        }
        request.Int("Limit", int.MinValue, int.MaxValue);
        request.Bool("ScanIndexForward");
        request.Bool("ConsistentRead");
        if (request.Body["Segment"] is not null || request.Body["TotalSegments"] is not null)
        {
            throw new ApiException("ValidationException", "Parallel scans (Segment, TotalSegments) are not simulated locally: scan without them.") { TypePrefix = ValidationPrefix };
        }
        return request.Body;
    }

    private JsonObject ListTables(ApiRequest request)
    {
        var start = request.String("ExclusiveStartTableName");
        var limit = request.Int("Limit", 1, 100) ?? 100;
        var names = tables.TableNames.Where(name => start is null || string.CompareOrdinal(name, start) > 0).ToList();
        var response = new JsonObject { ["TableNames"] = new JsonArray([.. names.Take(limit).Select(n => (JsonNode?)n)]) };
        if (names.Count > limit)
        {
            response["LastEvaluatedTableName"] = names[limit - 1];
        }
        return response;
    }

    private JsonObject DescribeTable(ApiRequest request)
    {
        var name = request.Bounded("TableName", 1, 1024, required: true)!;
        var schema = tables.KeySchema(name);
        // What Terraform's module "runs_table" creates: on-demand, string keys.
        return new JsonObject
        {
            ["Table"] = new JsonObject
            {
                ["TableName"] = name,
                ["TableArn"] = $"arn:aws:dynamodb:{LocalAccount.Region}:{LocalAccount.Id}:table/{name}",
                ["TableStatus"] = "ACTIVE",
                ["KeySchema"] = new JsonArray([.. schema.Select((attribute, i) => (JsonNode?)new JsonObject
                {
                    ["AttributeName"] = attribute, ["KeyType"] = i == 0 ? "HASH" : "RANGE",
                })]),
                ["AttributeDefinitions"] = new JsonArray([.. schema.Select(attribute => (JsonNode?)new JsonObject
                {
                    ["AttributeName"] = attribute, ["AttributeType"] = "S",
                })]),
                ["BillingModeSummary"] = new JsonObject { ["BillingMode"] = "PAY_PER_REQUEST" },
            },
        };
    }

    private static Task<JsonObject> Answer(Func<JsonObject> read)
    {
        try
        {
            return Task.FromResult(read());
        }
        catch (DynamoDbException e)
        {
            throw new ApiException(e.Code, e.Message) { TypePrefix = e.Code == "ValidationException" ? ValidationPrefix : ModelPrefix };
        }
    }
}
