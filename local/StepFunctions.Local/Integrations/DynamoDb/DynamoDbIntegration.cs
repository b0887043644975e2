using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.DynamoDb;

/// <summary>
/// <c>arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem</c> on <see cref="LocalDynamoDbTables"/>: the API's
/// PascalCase parameters, its response (getItem's <c>Item</c>, if any) with the SDK metadata Step Functions adds,
/// and DynamoDB's error names (<c>DynamoDB.ConditionalCheckFailedException</c>, …) for Retry and Catch.
/// </summary>
public sealed class DynamoDbIntegration(LocalDynamoDbTables tables) : IResourceResolver, ITaskIntegration
{
    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        request.Resource is { ResourceType: "dynamodb", Action: "putItem" or "getItem" or "updateItem" or "deleteItem", Pattern: "" } ? this : null;

    public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = invocation.Input as JsonObject
            ?? throw Error("ValidationException", $"The parameters of '{invocation.StateName}' must be an object with TableName");
        JsonObject response;
        try
        {
            response = invocation.Resource.Action switch
            {
                "putItem" => tables.PutItem(parameters),
                "getItem" => tables.GetItem(parameters),
                "deleteItem" => tables.DeleteItem(parameters),
                _ => tables.UpdateItem(parameters),
            };
        }
        catch (DynamoDbException e)
        {
            throw Error(e.Code, e.Message);
        }
        var requestId = AwsResponse.NewRequestId();
        response["SdkHttpMetadata"] = AwsResponse.HttpMetadata(requestId, "application/x-amz-json-1.0");
        response["SdkResponseMetadata"] = AwsResponse.ResponseMetadata(requestId);
        return ValueTask.FromResult<JsonNode?>(response);
    }

    /// <summary>A DynamoDB error as Step Functions reports it: error <c>DynamoDB.&lt;code&gt;</c>, cause the SDK's message.</summary>
    private static StatesException Error(string code, string message) =>
        new($"DynamoDB.{code}", $"{message} (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: {code}; Request ID: {AwsResponse.NewRequestId()}; Proxy: null)");
}
