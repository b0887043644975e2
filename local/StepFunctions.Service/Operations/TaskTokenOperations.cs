using System.Text.Json;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Operations;

/// <summary>SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: the answers a worker gives to a <c>.waitForTaskToken</c>
/// task, by the token the task sent it (<c>$$.Task.Token</c>).</summary>
public static class TaskTokenOperations
{
    public static Task<JsonObject> SendSuccess(LocalService service, ApiRequest request)
    {
        var token = Token(request);
        var text = request.Bounded("output", 0, 262_144, required: true)!;
        JsonNode? output;
        try
        {
            output = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ApiException("InvalidOutput", $"Invalid State Machine Output: '{e.Message}': output must be JSON text, e.g. '{{\"approved\": true}}' or '\"done\"'.");
        }
        return Answer(token, service.Executions.TaskTokens.Succeed(token, output));
    }

    public static Task<JsonObject> SendFailure(LocalService service, ApiRequest request)
    {
        var token = Token(request);
        var error = request.Bounded("error", 0, 256);
        var cause = request.Bounded("cause", 0, 32_768);
        return Answer(token, service.Executions.TaskTokens.Fail(token, error, cause));
    }

    public static Task<JsonObject> SendHeartbeat(LocalService service, ApiRequest request)
    {
        var token = Token(request);
        return Answer(token, service.Executions.TaskTokens.Heartbeat(token));
    }

    private static string Token(ApiRequest request) => request.Bounded("taskToken", 1, 2048, required: true)!;

    private static Task<JsonObject> Answer(string token, TaskTokenAnswer answer) => answer == TaskTokenAnswer.Accepted
        ? Task.FromResult(new JsonObject())
        : throw new ApiException("TaskDoesNotExist",
            $"Task Does Not Exist: no task waits for the token '{(token.Length > 24 ? token[..24] + "…" : token)}': it was never issued here, was already answered, or its task ended (timed out, stopped, its execution finished).");
}
