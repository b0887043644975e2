using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.StepFunctions;

/// <summary>
/// <c>arn:aws:states:::aws-sdk:sfn:sendTaskSuccess</c>, <c>sendTaskFailure</c> and <c>sendTaskHeartbeat</c>: a
/// workflow answering another one's <c>.waitForTaskToken</c> task (the orchestrator's resume gate is answered
/// so). The API's PascalCase parameters (<c>TaskToken</c>, <c>Output</c> as JSON text, <c>Error</c>,
/// <c>Cause</c>); the answer is the API's empty response; a token no task waits for is
/// <c>Sfn.TaskDoesNotExistException</c>, as the SDK integration names the API's error.
/// </summary>
public sealed class TaskCallbackIntegration(TaskTokens tokens) : IResourceResolver, ITaskIntegration
{
    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        request.Resource is { ResourceType: "aws-sdk", Action: "sfn:sendTaskSuccess" or "sfn:sendTaskFailure" or "sfn:sendTaskHeartbeat", Pattern: "" } ? this : null;

    public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = invocation.Input as JsonObject ?? [];
        if (!Json.IsString(parameters["TaskToken"], out var token) || token.Length == 0)
        {
            throw Invalid("1 validation error detected: Value null at 'taskToken' failed to satisfy constraint: Member must not be null");
        }
        var answer = invocation.Resource.Action switch
        {
            "sfn:sendTaskSuccess" => tokens.Succeed(token, OutputOf(parameters)),
            "sfn:sendTaskFailure" => tokens.Fail(token, Text(parameters, "Error", 256), Text(parameters, "Cause", 32_768)),
            _ => tokens.Heartbeat(token),
        };
        return answer == TaskTokenAnswer.Accepted
            ? ValueTask.FromResult<JsonNode?>(new JsonObject())
            : throw new StatesException("Sfn.TaskDoesNotExistException", "Task Does Not Exist (Service: Sfn, Status Code: 400, Request ID: " + AwsResponse.NewRequestId() + ")");
    }

    private static JsonNode? OutputOf(JsonObject parameters)
    {
        if (!Json.IsString(parameters["Output"], out var text))
        {
            throw Invalid("1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null");
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new StatesException("Sfn.InvalidOutputException", "Invalid State Machine Output: Output must be JSON text (Service: Sfn, Status Code: 400)");
        }
    }

    private static string? Text(JsonObject parameters, string member, int limit) =>
        parameters[member] switch
        {
            null => null,
            var node when Json.IsString(node, out var text) && text.Length <= limit => text,
            _ => throw Invalid($"1 validation error detected: Value at '{char.ToLowerInvariant(member[0])}{member[1..]}' failed to satisfy constraint: Member must be a string of length less than or equal to {limit}"),
        };

    private static StatesException Invalid(string message) => new("Sfn.ValidationException", $"{message} (Service: Sfn, Status Code: 400)");
}
