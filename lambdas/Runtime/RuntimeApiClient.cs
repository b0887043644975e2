using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Lambdas.Runtime;

/// <summary>
/// HTTP calls of the Lambda Runtime API (2018-06-01): next, response, invocation error, init error.
/// Knows nothing of handlers or JSON contracts.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    /// <summary>Lambda's synchronous response limit, in bytes (6 MB plus framing, as Lambda reports it).</summary>
    public const int MaxResponseBytes = 6_291_556;

    private const string ErrorContentType = "application/vnd.aws.lambda.error+json";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        // No proxy (the API is local to the sandbox), no cookies, and no timeout: between invocations the
        // process is frozen inside `next`, and a timeout there would only make it fail after a thaw.
        handler ??= new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <exception cref="RuntimeApiException">Any status but 200; a 500 means the sandbox is broken and the runtime must exit.</exception>
    public async Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException("next", response.StatusCode);
        }
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("next (no Lambda-Runtime-Aws-Request-Id header)", response.StatusCode);
        var deadline = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        return new InvocationRequest(
            requestId,
            deadline,
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(headers, "Lambda-Runtime-Trace-Id"),
            Header(headers, "Lambda-Runtime-Client-Context"),
            Header(headers, "Lambda-Runtime-Cognito-Identity"),
            body);
    }

    /// <summary>Posts the handler's result. Returns the status: 202 accepted, 413 too large, anything else refused.</summary>
    public async Task<HttpStatusCode> SendResponseAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        // ByteArrayContent always sends a Content-Length, never chunked encoding.
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        using var response = await _http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken)
            .ConfigureAwait(false);
        return response.StatusCode;
    }

    public Task<HttpStatusCode> SendInvocationErrorAsync(string requestId, ErrorReport error, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task<HttpStatusCode> SendInitErrorAsync(ErrorReport error, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<HttpStatusCode> PostErrorAsync(string path, ErrorReport error, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Content = new ByteArrayContent(error.ToJson());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ErrorContentType);
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
