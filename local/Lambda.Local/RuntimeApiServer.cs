using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Aws.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lambda.Local;

/// <summary>One HTTP call a runtime made, kept when <see cref="RuntimeApiServerOptions.RecordCalls"/> is on.</summary>
public sealed record RecordedCall(string Method, string Path, string? ContentType, long? ContentLength, bool Chunked,
    string? ErrorTypeHeader, byte[] Body);

public sealed class RuntimeApiServerOptions
{
    /// <summary>Function ARN sent in Lambda-Runtime-Invoked-Function-Arn.</summary>
    public string FunctionArn { get; init; } = Arn.Local("lambda", "function:local").ToString();

    /// <summary>Keep every call (with bodies) in <see cref="RuntimeApiServer.Calls"/>; for tests.</summary>
    public bool RecordCalls { get; init; }
}

/// <summary>
/// The Lambda Runtime API (2018-06-01) over real HTTP on 127.0.0.1 and an ephemeral port. Serves one runtime
/// process: <see cref="Enqueue"/> queues an event, the runtime's long-polling <c>next</c> takes it, and its
/// <c>response</c> or <c>error</c> completes the invocation.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>Lambda's synchronous payload limit in bytes, for both request and response.</summary>
    public const int MaxPayloadBytes = 6_291_556;

    private const string Prefix = "/2018-06-01/runtime/";
    private readonly WebApplication app;
    private readonly RuntimeApiServerOptions options;
    private readonly Channel<PendingInvocation> queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> inFlight = new();
    private readonly TaskCompletionSource<long> firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<FunctionError> initError = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuntimeApiServer(WebApplication app, RuntimeApiServerOptions options, string runtimeApi)
    {
        this.app = app;
        this.options = options;
        RuntimeApi = runtimeApi;
    }

    /// <summary>host:port, the value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string RuntimeApi { get; }

    /// <summary>Completes with the Stopwatch timestamp of the runtime's first <c>next</c> call (the end of init).</summary>
    public Task<long> FirstNext => firstNext.Task;

    /// <summary>Completes when the runtime reports an init error.</summary>
    public Task<FunctionError> InitError => initError.Task;

    /// <summary>Test hook: when set, <c>next</c> answers with this status instead of an event.</summary>
    public HttpStatusCode? NextStatusOverride { get; set; }

    /// <summary>Test hook: every answer is delayed by this much (a slow Runtime API).</summary>
    public TimeSpan ReplyDelay { get; set; }

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public static async Task<RuntimeApiServer> StartAsync(RuntimeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RuntimeApiServerOptions();
        // The empty builder: no configuration sources, no logging, no content-root file provider. The slim builder
        // read appsettings*.json with reloadOnChange, so every instance's host watched the working tree (inotify,
        // ".NET File Watch" threads woken by every SQLite write): 65-77 % of the server's CPU on real runs (issue #24).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            // Accept oversized responses so the runtime gets Lambda's 413 rather than a reset connection.
            kestrel.Limits.MaxRequestBodySize = 4L * MaxPayloadBytes;
        });
        var app = builder.Build();
        // The pipeline is fixed at start, but the port (and so the server object) is known only after it:
        // no runtime can call before it is told the port, so the handler finds the server set.
        RuntimeApiServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new RuntimeApiServer(app, options, new Uri(address).Authority);
        return server;
    }

    /// <summary>Queues an event for the runtime. Fails at once if the runtime already reported an init error.</summary>
    public PendingInvocation Enqueue(string requestId, byte[] payload, TimeSpan timeout, string? traceId = null)
    {
        var invocation = new PendingInvocation(requestId, payload, timeout,
            traceId ?? NewTraceId());
        if (initError.Task.IsCompleted)
        {
            invocation.Completion.TrySetResult(new RuntimeOutcome(requestId, null, initError.Task.Result, Stopwatch.GetTimestamp()));
            return invocation;
        }
        queue.Writer.TryWrite(invocation);
        return invocation;
    }

    /// <summary>An X-Ray style trace header: Root=1-{epoch seconds, hex}-{96-bit id};Sampled=0.</summary>
    public static string NewTraceId() =>
        $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Guid.NewGuid().ToString("N")[..24]};Sampled=0";

    /// <summary>Queues an event and waits for the runtime's answer.</summary>
    public Task<RuntimeOutcome> InvokeAsync(string payloadJson, CancellationToken cancellationToken = default) =>
        Enqueue(Guid.NewGuid().ToString(), System.Text.Encoding.UTF8.GetBytes(payloadJson), TimeSpan.FromSeconds(3))
            .Completion.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await this.app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await this.app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        byte[] body = [];
        if (HttpMethods.IsPost(request.Method))
        {
            body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        if (ReplyDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReplyDelay, context.RequestAborted).ConfigureAwait(false);
        }

        // Recorded before routing: once routed, the invocation is complete and a test may already be looking.
        if (this.options.RecordCalls)
        {
            Calls.Enqueue(new RecordedCall(request.Method, path, request.ContentType, request.ContentLength,
                request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase),
                request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(), body));
        }
        await RouteAsync(context, path, body).ConfigureAwait(false);
    }

    private async Task<int> RouteAsync(HttpContext context, string path, byte[] body)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return await ReplyAsync(context, 404, "UnknownPath", $"No Runtime API route {path}").ConfigureAwait(false);
        }
        var route = path[Prefix.Length..].Split('/');
        var method = context.Request.Method;
        return (method, route) switch
        {
            ("GET", ["invocation", "next"]) => await NextAsync(context).ConfigureAwait(false),
            ("POST", ["invocation", var id, "response"]) => await ResponseAsync(context, Uri.UnescapeDataString(id), body).ConfigureAwait(false),
            ("POST", ["invocation", var id, "error"]) => await ErrorAsync(context, Uri.UnescapeDataString(id), body).ConfigureAwait(false),
            ("POST", ["init", "error"]) => await InitErrorAsync(context, body).ConfigureAwait(false),
            _ => await ReplyAsync(context, 404, "UnknownPath", $"No Runtime API route {method} {path}").ConfigureAwait(false),
        };
    }

    private async Task<int> NextAsync(HttpContext context)
    {
        firstNext.TrySetResult(Stopwatch.GetTimestamp());
        if (NextStatusOverride is { } forced)
        {
            return await ReplyAsync(context, (int)forced, "ServiceException", "Runtime API next failed (test override)").ConfigureAwait(false);
        }

        PendingInvocation invocation;
        try
        {
            invocation = await queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return 499; // runtime went away or server is stopping
        }

        inFlight[invocation.RequestId] = invocation;
        var response = context.Response;
        var deadline = DateTimeOffset.UtcNow.Add(invocation.Timeout).ToUnixTimeMilliseconds();
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = invocation.Payload.Length;
        response.Headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
        response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = this.options.FunctionArn;
        response.Headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        invocation.Dispatched.TrySetResult(Stopwatch.GetTimestamp());
        await response.Body.WriteAsync(invocation.Payload, context.RequestAborted).ConfigureAwait(false);
        return 200;
    }

    private async Task<int> ResponseAsync(HttpContext context, string requestId, byte[] body)
    {
        if (!inFlight.TryGetValue(requestId, out var invocation))
        {
            return await ReplyAsync(context, 400, "InvalidRequestID", $"Unknown request id {requestId}").ConfigureAwait(false);
        }
        if (body.Length > MaxPayloadBytes)
        {
            // Like Lambda: refuse, and leave the invocation open so the runtime can report the error.
            return await ReplyAsync(context, 413, "RequestEntityTooLarge",
                $"Response payload size ({body.Length} bytes) exceeded maximum allowed payload size ({MaxPayloadBytes} bytes).").ConfigureAwait(false);
        }
        inFlight.TryRemove(requestId, out _);
        invocation.Completion.TrySetResult(new RuntimeOutcome(requestId, body, null, Stopwatch.GetTimestamp()));
        return await ReplyAcceptedAsync(context).ConfigureAwait(false);
    }

    private async Task<int> ErrorAsync(HttpContext context, string requestId, byte[] body)
    {
        if (!inFlight.TryRemove(requestId, out var invocation))
        {
            return await ReplyAsync(context, 400, "InvalidRequestID", $"Unknown request id {requestId}").ConfigureAwait(false);
        }
        var error = FunctionError.Parse(body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault());
        invocation.Completion.TrySetResult(new RuntimeOutcome(requestId, null, error, Stopwatch.GetTimestamp()));
        return await ReplyAcceptedAsync(context).ConfigureAwait(false);
    }

    private async Task<int> InitErrorAsync(HttpContext context, byte[] body)
    {
        var error = FunctionError.Parse(body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault());
        initError.TrySetResult(error);
        // Every queued event fails with the init error, as a failed init fails the invocation that caused it.
        while (queue.Reader.TryRead(out var queued))
        {
            queued.Completion.TrySetResult(new RuntimeOutcome(queued.RequestId, null, error, Stopwatch.GetTimestamp()));
        }
        return await ReplyAcceptedAsync(context).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and < int.MaxValue ? (int)length : 1024);
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Task<int> ReplyAcceptedAsync(HttpContext context) => WriteJsonAsync(context, 202, """{"status":"OK"}""");

    private static Task<int> ReplyAsync(HttpContext context, int status, string errorType, string message) =>
        WriteJsonAsync(context, status, FunctionError.Create(errorType, message, ErrorOrigin.Service).Json);

    private static async Task<int> WriteJsonAsync(HttpContext context, int status, string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        return status;
    }
}
