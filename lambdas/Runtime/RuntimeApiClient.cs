using System.Globalization;
using System.Net;

namespace Lambdas.Runtime;

/// <summary>
/// HTTP calls of the Lambda Runtime API (2018-06-01): next, response, invocation error, init error.
/// Knows nothing of handlers or JSON contracts. Calls block the calling thread (see <see cref="HttpConnection"/>
/// for why); the Task signatures keep callers free to move to async I/O later.
/// </summary>
public sealed class RuntimeApiClient(string runtimeApi) : IDisposable
{
    /// <summary>Lambda's synchronous response limit, in bytes (6 MB plus framing, as Lambda reports it).</summary>
    public const int MaxResponseBytes = 6_291_556;

    private const string Base = "/2018-06-01/runtime/";
    private static readonly KeyValuePair<string, string>[] JsonHeaders = [new("Content-Type", "application/json")];
    private readonly HttpConnection connection = new(runtimeApi);

    /// <exception cref="RuntimeApiException">Any status but 200 (a 500 means the sandbox is broken: exit), or no connection.</exception>
    public Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        // No timeout: between invocations the process is frozen inside this call.
        var response = connection.Send("GET", Base + "invocation/next", [], null, cancellationToken);
        if (response.Status != 200)
        {
            throw new RuntimeApiException("next", (HttpStatusCode)response.Status);
        }
        var headers = response.Headers;
        var requestId = headers.GetValueOrDefault("Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("Runtime API next returned no Lambda-Runtime-Aws-Request-Id header.", null);
        var deadline = long.TryParse(headers.GetValueOrDefault("Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        return Task.FromResult(new InvocationRequest(
            requestId,
            deadline,
            headers.GetValueOrDefault("Lambda-Runtime-Invoked-Function-Arn") ?? "",
            headers.GetValueOrDefault("Lambda-Runtime-Trace-Id"),
            headers.GetValueOrDefault("Lambda-Runtime-Client-Context"),
            headers.GetValueOrDefault("Lambda-Runtime-Cognito-Identity"),
            response.Body));
    }

    /// <summary>Posts the handler's result with a Content-Length. Returns the status: 202 accepted, 413 too large, else refused.</summary>
    public Task<HttpStatusCode> SendResponseAsync(string requestId, byte[] body, CancellationToken cancellationToken) =>
        Post($"{Base}invocation/{PathSegment(requestId)}/response", JsonHeaders, body, cancellationToken);

    public Task<HttpStatusCode> SendInvocationErrorAsync(string requestId, ErrorReport error, CancellationToken cancellationToken) =>
        PostError($"{Base}invocation/{PathSegment(requestId)}/error", error, cancellationToken);

    public Task<HttpStatusCode> SendInitErrorAsync(ErrorReport error, CancellationToken cancellationToken) =>
        PostError(Base + "init/error", error, cancellationToken);

    public void Dispose() => connection.Dispose();

    // Request ids are UUIDs; escape anything else rather than trust it into a request line. Checking first
    // keeps System.Private.Uri from loading at cold start.
    private static string PathSegment(string requestId) =>
        requestId.AsSpan().ContainsAnyExcept(SafeChars) ? Uri.EscapeDataString(requestId) : requestId;

    private static readonly System.Buffers.SearchValues<char> SafeChars =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF-ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ_.~");

    private Task<HttpStatusCode> PostError(string path, ErrorReport error, CancellationToken cancellationToken) =>
        Post(path,
            [new("Content-Type", "application/vnd.aws.lambda.error+json"), new("Lambda-Runtime-Function-Error-Type", error.ErrorType)],
            error.ToJson(), cancellationToken);

    private Task<HttpStatusCode> Post(string path, KeyValuePair<string, string>[] headers, byte[] body, CancellationToken cancellationToken) =>
        Task.FromResult((HttpStatusCode)connection.Send("POST", path, headers, body, cancellationToken).Status);
}
