using System.Net;
using System.Text;
using System.Text.Json;
using Lambdas.Runtime;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.Runtime;

/// <summary>The runtime loop against the real Runtime API server on 127.0.0.1.</summary>
public sealed class RuntimeLoopTests
{
    private static readonly byte[] Ok = """{"ok":true}"""u8.ToArray();

    [Fact]
    public async Task Success_posts_the_response_with_a_content_length()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((input, _) => input));

        var outcome = await runtime.InvokeAsync("""{"hello":"world"}""");

        Assert.Null(outcome.Error);
        Assert.Equal("""{"hello":"world"}""", Encoding.UTF8.GetString(outcome.Response!));
        var post = Assert.Single(runtime.Server.Calls, c => c.Path.EndsWith("/response"));
        Assert.Equal(outcome.Response!.Length, post.ContentLength);
        Assert.False(post.Chunked);
        Assert.Equal("application/json", post.ContentType);
    }

    [Fact]
    public async Task Handler_exception_is_reported_with_its_short_type_name_and_the_loop_keeps_serving()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((input, _) =>
            input.Length == 0 ? throw new InvalidOperationException("boom", new TimeoutException("inner")) : input));

        var failed = await runtime.InvokeAsync([]);
        var next = await runtime.InvokeAsync("{}");

        Assert.NotNull(failed.Error);
        Assert.Equal("InvalidOperationException", failed.Error.ErrorType);
        Assert.Equal("boom", failed.Error.ErrorMessage);
        Assert.NotEmpty(failed.Error.StackTrace);
        Assert.All(failed.Error.StackTrace, line => Assert.Equal(line.Trim(), line));
        using var body = JsonDocument.Parse(failed.Error.Json);
        Assert.Equal("TimeoutException", body.RootElement.GetProperty("cause").GetProperty("errorType").GetString());
        var post = Assert.Single(runtime.Server.Calls, c => c.Path.EndsWith("/error"));
        Assert.Equal("application/vnd.aws.lambda.error+json", post.ContentType);
        Assert.Equal("InvalidOperationException", post.ErrorTypeHeader);
        Assert.Equal("{}", Encoding.UTF8.GetString(next.Response!));
    }

    [Fact]
    public async Task Init_failure_posts_an_init_error_and_exits()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => throw new FileNotFoundException("config.json is missing"));

        var exitCode = await runtime.Loop;
        var error = await runtime.Server.InitError;

        Assert.Equal(LambdaBootstrap.ExitInitFailed, exitCode);
        Assert.Equal("FileNotFoundException", error.ErrorType);
        Assert.Equal("config.json is missing", error.ErrorMessage);
        var post = Assert.Single(runtime.Server.Calls, c => c.Path.EndsWith("/init/error"));
        Assert.Equal("FileNotFoundException", post.ErrorTypeHeader);
        var queued = await runtime.InvokeAsync("{}");
        Assert.Equal("FileNotFoundException", queued.Error!.ErrorType);
    }

    [Fact]
    public async Task A_500_from_next_makes_the_runtime_exit()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((input, _) => input));
        var first = await runtime.InvokeAsync("{}");
        runtime.Server.NextStatusOverride = HttpStatusCode.InternalServerError;
        // The loop may already be parked in `next`; a second event releases it, and its following `next` gets the 500.
        _ = runtime.InvokeAsync("{}");

        var exitCode = await runtime.Loop;

        Assert.Null(first.Error);
        Assert.Equal(LambdaBootstrap.ExitRuntimeApiFailed, exitCode);
        Assert.Contains(runtime.Logs.Lines, line => line.Contains("Runtime API is unavailable") && line.Contains("500"));
    }

    [Fact]
    public async Task Slow_runtime_api_answers_do_not_break_the_loop()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((input, _) => input));
        runtime.Server.ReplyDelay = TimeSpan.FromMilliseconds(300);

        var outcomes = new List<Lambda.Local.RuntimeOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await runtime.InvokeAsync($$"""{"i":{{i}}}"""));
        }

        Assert.Equal(["""{"i":0}""", """{"i":1}""", """{"i":2}"""], outcomes.Select(o => Encoding.UTF8.GetString(o.Response!)));
    }

    [Fact]
    public async Task Slow_handler_sees_its_deadline_shrink()
    {
        TimeSpan before = default, after = default;
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler(async (input, context, ct) =>
        {
            before = context.RemainingTime;
            await Task.Delay(200, ct);
            after = context.RemainingTime;
            return input;
        }));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray(), TimeSpan.FromSeconds(20));

        Assert.Null(outcome.Error);
        Assert.InRange(before, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        Assert.True(after < before, $"remaining time went from {before} to {after}");
    }

    [Fact]
    public async Task Context_carries_the_invocation_headers_and_function_settings()
    {
        ILambdaContext? seen = null;
        string? exportedTrace = null;
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((input, context) =>
        {
            seen = context;
            exportedTrace = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            return input;
        }));
        var pending = runtime.Server.Enqueue("req-123", "{}"u8.ToArray(), TimeSpan.FromSeconds(30), "Root=1-5e1b4151-5ac6c58f5b5daa6532e4f2c4;Sampled=1");

        await pending.Completion.Task;

        Assert.NotNull(seen);
        Assert.Equal("req-123", seen.AwsRequestId);
        Assert.Equal("Root=1-5e1b4151-5ac6c58f5b5daa6532e4f2c4;Sampled=1", seen.TraceId);
        Assert.Equal(seen.TraceId, exportedTrace);
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:under-test", seen.InvokedFunctionArn);
        Assert.Equal("under-test", seen.FunctionName);
        Assert.Equal("7", seen.FunctionVersion);
        Assert.Equal(256, seen.MemoryLimitInMB);
        Assert.Equal("/aws/lambda/under-test", seen.LogGroupName);
        Assert.InRange(seen.Deadline, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(31));
    }

    [Fact]
    public async Task Response_over_6_MB_is_reported_as_an_error_and_the_loop_keeps_serving()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((input, _) =>
            input.Length == 0 ? new byte[RuntimeApiClient.MaxResponseBytes + 1] : input));

        var tooLarge = await runtime.InvokeAsync([]);
        var next = await runtime.InvokeAsync("{}");

        Assert.Equal(ErrorReport.ResponseSizeTooLarge, tooLarge.Error!.ErrorType);
        Assert.Contains("exceeded maximum allowed payload size", tooLarge.Error.ErrorMessage);
        Assert.Equal("{}", Encoding.UTF8.GetString(next.Response!));
    }

    [Fact]
    public async Task Response_at_the_limit_is_accepted()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((_, _) => new byte[RuntimeApiClient.MaxResponseBytes]));

        var outcome = await runtime.InvokeAsync("{}");

        Assert.Null(outcome.Error);
        Assert.Equal(RuntimeApiClient.MaxResponseBytes, outcome.Response!.Length);
    }

    [Fact]
    public async Task Cancelling_the_loop_ends_it_cleanly()
    {
        var runtime = await InProcessRuntime.StartAsync(() => new DelegateHandler((input, _) => input));
        await runtime.InvokeAsync("{}");

        await runtime.DisposeAsync();

        Assert.Equal(LambdaBootstrap.ExitOk, await runtime.Loop);
    }

    [Fact]
    public async Task Server_refuses_an_oversized_response_with_413()
    {
        await using var server = await Lambda.Local.RuntimeApiServer.StartAsync();
        using var client = new RuntimeApiClient(server.RuntimeApi);
        var pending = server.Enqueue("big", "{}"u8.ToArray(), TimeSpan.FromSeconds(30));
        var request = await client.GetNextInvocationAsync(CancellationToken.None);

        var status = await client.SendResponseAsync(request.RequestId, new byte[RuntimeApiClient.MaxResponseBytes + 1], CancellationToken.None);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.False(pending.Completion.Task.IsCompleted);
    }

    [Fact]
    public async Task An_unreachable_runtime_api_ends_the_loop_with_an_exit_code_not_a_crash()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var logs = new LogCapture();
        var options = new LambdaBootstrapOptions
        {
            Environment = new LambdaEnvironment { RuntimeApi = $"127.0.0.1:{port}" },
            LogOutput = logs,
            ApplyHeapLimit = false,
        };

        var exitCode = await LambdaBootstrap.RunAsync(() => new DelegateHandler((input, _) => input), options);

        Assert.Equal(LambdaBootstrap.ExitRuntimeApiFailed, exitCode);
        Assert.Contains(logs.Lines, line => line.Contains("Runtime API is unavailable"));
    }

    [Fact]
    public async Task A_runtime_api_host_that_does_not_resolve_ends_the_loop_with_an_exit_code_not_a_crash()
    {
        var logs = new LogCapture();
        var options = new LambdaBootstrapOptions
        {
            // .invalid never resolves (RFC 2606).
            Environment = new LambdaEnvironment { RuntimeApi = "runtime-api.invalid:9001" },
            LogOutput = logs,
            ApplyHeapLimit = false,
        };

        var exitCode = await LambdaBootstrap.RunAsync(() => new DelegateHandler((input, _) => input), options);

        Assert.Equal(LambdaBootstrap.ExitRuntimeApiFailed, exitCode);
        Assert.Contains(logs.Lines, line => line.Contains("Runtime API is unavailable"));
    }
}
