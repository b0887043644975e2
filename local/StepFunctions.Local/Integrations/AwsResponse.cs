using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations;

/// <summary>The SDK metadata AWS service integrations add to their results.</summary>
public static class AwsResponse
{
    public static JsonObject HttpMetadata(string requestId, string contentType = "application/json") => new()
    {
        ["AllHttpHeaders"] = new JsonObject
        {
            ["x-amzn-RequestId"] = new JsonArray(requestId),
            ["Content-Type"] = new JsonArray(contentType),
        },
        ["HttpHeaders"] = new JsonObject
        {
            ["x-amzn-RequestId"] = requestId,
            ["Content-Type"] = contentType,
        },
        ["HttpStatusCode"] = 200,
    };

    public static JsonObject ResponseMetadata(string requestId) => new() { ["RequestId"] = requestId };

    public static string NewRequestId() => Guid.NewGuid().ToString();
}
