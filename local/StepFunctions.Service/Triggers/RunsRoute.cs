using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StepFunctions.Local.Core;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Triggers;

/// <summary>
/// The HTTP API's <c>POST /runs</c> (workflow-triggers/http_api.tf): an <c>AWS_PROXY</c> integration of subtype
/// <c>StepFunctions-StartExecution</c> with <c>StateMachineArn</c> the orchestrator and <c>Input</c> the request body.
/// API Gateway answers with what StartExecution answers: 200 and <c>{"executionArn", "startDate"}</c>, or Step
/// Functions' error (<c>InvalidExecutionInput</c> for a body that is not JSON, <c>ValidationException</c> beyond
/// 256 KiB) with its status; a body beyond the HTTP API's 10 MB payload limit is 413 <c>{"message"}</c>. The route's
/// AWS_IAM authorisation (SigV4, <c>execute-api:Invoke</c>) is not checked locally.
/// </summary>
public static class RunsRoute
{
    public const string Path = "/runs";

    /// <summary>API Gateway's payload limit for an HTTP API request.</summary>
    public const int MaxPayloadBytes = 10 * 1024 * 1024;

    public static async Task HandleAsync(HttpContext http, LocalService service, OrchestratorTriggers triggers)
    {
        http.Response.Headers["apigw-requestid"] = Guid.NewGuid().ToString();
        var body = await ReadAsync(http.Request).ConfigureAwait(false);
        if (body is null)
        {
            await AnswerAsync(http, 413, new JsonObject { ["message"] = "Request Entity Too Large" }, "application/json").ConfigureAwait(false);
            return;
        }
        int status;
        JsonObject answer;
        try
        {
            answer = await TriggerStart.StartAsync(service, triggers.TargetArn, body, StartedBy.Api).ConfigureAwait(false);
            status = 200;
        }
        catch (Exception e) when (e is ApiException or DomainException)
        {
            var error = e as ApiException ?? ApiException.From((DomainException)e);
            status = error.Status;
            answer = new JsonObject { ["__type"] = error.Type, ["message"] = error.Message };
        }
        await AnswerAsync(http, status, answer, ApiEndpoint.ContentType).ConfigureAwait(false);
    }

    /// <summary>The body as text, or null beyond <see cref="MaxPayloadBytes"/> (the rest is read and dropped, so the
    /// client gets the answer rather than a reset connection).</summary>
    private static async Task<string?> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        var tooLarge = false;
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (!tooLarge && buffer.Length + read > MaxPayloadBytes)
            {
                tooLarge = true;
                buffer.SetLength(0);
            }
            if (!tooLarge)
            {
                buffer.Write(chunk, 0, read);
            }
        }
        return tooLarge ? null : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task AnswerAsync(HttpContext http, int status, JsonObject body, string contentType)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        if (status != 200 && body["__type"] is JsonValue type)
        {
            http.Response.Headers["x-amzn-ErrorType"] = type.GetValue<string>().Split('#')[^1];
        }
        await http.Response.WriteAsync(Json.Serialize(body), http.RequestAborted).ConfigureAwait(false);
    }
}
