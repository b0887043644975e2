using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StepFunctions.Local.Core;
using StepFunctions.Local.Testing;
using StepFunctions.Service.Executions;

namespace StepFunctions.Service.Protocol;

/// <summary>An AWS service the endpoint answers: its <c>X-Amz-Target</c> prefix (<c>AWSStepFunctions.</c>), its
/// content type (the JSON protocol's version) and its operations by the name after the prefix.</summary>
public sealed record ApiService(string TargetPrefix, string ContentType, IReadOnlyDictionary<string, Func<ApiRequest, Task<JsonObject>>> Operations);

/// <summary>
/// The AWS JSON protocol: <c>POST /</c> with <c>X-Amz-Target: &lt;Service&gt;.&lt;Operation&gt;</c> and a JSON body;
/// the answer is the operation's JSON, or HTTP 400 with <c>{"__type", "message"}</c>, for each of the
/// <paramref name="services"/> (Step Functions' and the CloudWatch Logs reads, where the Lambdas' log lines are).
/// Signatures and credentials are accepted as sent. A domain refusal is answered as its API error. No request can
/// take the server down: anything unexpected is a 500 in the same shape.
/// </summary>
public sealed class ApiEndpoint(IReadOnlyList<ApiService> services)
{
    /// <summary>JSON 1.0, Step Functions' protocol (also the content type of the live stream's errors).</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>The largest body read: a 1 MiB definition escaped as JSON fits comfortably.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Beyond this Kestrel drops the connection instead of answering.</summary>
    public const int MaxDrainedBytes = 64 * 1024 * 1024;

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        JsonObject response;
        var status = 200;
        var contentType = ContentType;
        try
        {
            var (operation, service) = Operation(http.Request.Headers["X-Amz-Target"].ToString());
            contentType = service.ContentType;
            var body = await ReadBodyAsync(http.Request).ConfigureAwait(false);
            response = await operation(new ApiRequest(body) { Caller = CallerOf(http.Request) }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiException or DomainException or TestStateException)
        {
            var error = e switch
            {
                ApiException api => api,
                DomainException domain => ApiException.From(domain),
                _ => ApiException.From((TestStateException)e),
            };
            status = error.Status;
            response = Error(error.Type, error.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            Console.Error.WriteLine($"sfn-service: request {requestId} failed: {e}");
            status = 500;
            response = Error("com.amazon.coral.service#InternalFailure", $"The server failed to process the request ({e.GetType().Name}: {e.Message}); see its console for details.");
        }
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        if (status != 200)
        {
            http.Response.Headers["x-amzn-ErrorType"] = response["__type"]!.GetValue<string>().Split('#')[^1];
        }
        await http.Response.WriteAsync(Json.Serialize(response), http.RequestAborted).ConfigureAwait(false);
    }

    private (Func<ApiRequest, Task<JsonObject>> Operation, ApiService Service) Operation(string target)
    {
        foreach (var service in services)
        {
            if (target.StartsWith(service.TargetPrefix, StringComparison.Ordinal)
                && service.Operations.TryGetValue(target[service.TargetPrefix.Length..], out var operation))
            {
                return (operation, service);
            }
        }
        throw new ApiException("UnknownOperationException", target.Length == 0
            ? "Missing X-Amz-Target header: send AWSStepFunctions.<Operation>, as AWS SDKs and the AWS CLI do."
            : $"Unknown operation '{target}'. This server implements: {string.Join(", ", services.SelectMany(s => s.Operations.Keys.Select(k => s.TargetPrefix + k)))}.");
    }

    /// <summary>Reads the body from Kestrel's own (pooled) buffers: no copy and no buffer of our own per request,
    /// which at a thousand requests a second was most of what the server allocated.</summary>
    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var body = result.Buffer;
            if (body.Length > MaxBodyBytes)
            {
                // Past the limit the rest is read and dropped, so the client gets the answer instead of a reset.
                var total = body.Length;
                reader.AdvanceTo(body.End);
                while (!result.IsCompleted)
                {
                    result = await reader.ReadAsync().ConfigureAwait(false);
                    total += result.Buffer.Length;
                    reader.AdvanceTo(result.Buffer.End);
                }
                throw new ApiException("ValidationException", $"The request body has {total} bytes; the limit is {MaxBodyBytes}.", 413);
            }
            if (!result.IsCompleted)
            {
                reader.AdvanceTo(body.Start, body.End); // nothing consumed yet: wait for the rest
                continue;
            }
            try
            {
                return Parse(body);
            }
            finally
            {
                reader.AdvanceTo(body.End);
            }
        }
    }

    private static JsonObject Parse(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            return []; // AWS treats an empty body as no members; the operation names what is missing.
        }
        try
        {
            return JsonNode.Parse(body.IsSingleSegment ? body.FirstSpan : body.ToArray()) as JsonObject
                ?? throw new ApiException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ApiException("SerializationException", $"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The console is a browser page of this server (the host filter lets only its own Origin through); the
    /// AWS CLI names itself in its User-Agent; anything else is an SDK or a plain HTTP client.</summary>
    private static string CallerOf(HttpRequest request) =>
        request.Headers.Origin.Count > 0 ? StartedBy.Console
        : request.Headers.UserAgent.ToString().StartsWith("aws-cli/", StringComparison.Ordinal) ? StartedBy.Cli
        : StartedBy.Sdk;

    /// <summary>AWS's error body, also used by the live stream's answers.</summary>
    internal static JsonObject Error(string type, string message) => new() { ["__type"] = type, ["message"] = message };
}
