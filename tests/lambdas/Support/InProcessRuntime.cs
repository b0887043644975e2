using System.Text;
using Lambda.Local;
using Lambdas.Runtime;

namespace Lambdas.Tests.Support;

/// <summary>
/// The runtime loop running in the test process against a real <see cref="RuntimeApiServer"/> on 127.0.0.1:
/// every event and answer crosses real HTTP, without paying a process start per test.
/// </summary>
public sealed class InProcessRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();

    private InProcessRuntime(RuntimeApiServer server, LambdaEnvironment environment)
    {
        Server = server;
        Environment = environment;
    }

    public RuntimeApiServer Server { get; }
    public LambdaEnvironment Environment { get; }
    public LogCapture Logs { get; } = new();

    /// <summary>The loop; completes with its exit code.</summary>
    public Task<int> Loop { get; private set; } = Task.FromResult(0);

    public static async Task<InProcessRuntime> StartAsync(Func<IInvocationHandler> init, LogFormat format = LogFormat.Text,
        LogLevel level = LogLevel.Information, bool recordCalls = true)
    {
        var server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions
        {
            RecordCalls = recordCalls,
            FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:under-test",
        });
        var environment = new LambdaEnvironment
        {
            RuntimeApi = server.RuntimeApi,
            FunctionName = "under-test",
            FunctionVersion = "7",
            MemorySizeMb = 256,
            LogGroupName = "/aws/lambda/under-test",
            LogStreamName = "2024/01/01/[7]abc",
            LogFormat = format,
            LogLevel = level,
        };
        var runtime = new InProcessRuntime(server, environment);
        var options = new LambdaBootstrapOptions { Environment = environment, LogOutput = runtime.Logs, ApplyHeapLimit = false };
        runtime.Loop = Task.Run(() => LambdaBootstrap.RunAsync(init, options, runtime.stop.Token));
        return runtime;
    }

    public Task<RuntimeOutcome> InvokeAsync(string json) => InvokeAsync(Encoding.UTF8.GetBytes(json));

    public Task<RuntimeOutcome> InvokeAsync(byte[] payload, TimeSpan? timeout = null) =>
        Server.Enqueue(Guid.NewGuid().ToString(), payload, timeout ?? TimeSpan.FromSeconds(30)).Completion.Task;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Loop;
        await Server.DisposeAsync();
        stop.Dispose();
    }
}
