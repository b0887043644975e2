using System.Diagnostics;
using System.Text;

namespace Lambda.Local;

/// <summary>
/// One function instance: one `bootstrap` process with its own <see cref="RuntimeApiServer"/>, serving one
/// invocation at a time, started on the first invocation (cold) and reused after (warm). Like Lambda, a
/// crash, a timeout or an init error discards the instance; the next invocation starts a fresh one.
/// </summary>
public sealed class LocalFunction(LocalFunctionOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string directory = Directory.CreateTempSubdirectory("lambda-local-").FullName;
    private Instance? instance;
    private int starts;

    public LocalFunctionOptions Options { get; } = options;

    /// <summary>Every line the current process wrote so far, in order; empty when none runs. A restarted process
    /// starts a new list (a new log stream), so earlier processes' lines are not here.</summary>
    public IReadOnlyList<string> AllLogs => this.instance?.Logs.All ?? [];

    /// <summary>The current process, if one is running.</summary>
    public int? ProcessId => this.instance is { Process.HasExited: false } instance ? instance.Process.Id : null;

    public async Task<InvocationResult> InvokeAsync(string payloadJson, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await InvokeLockedAsync(payloadJson, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopAsync().ConfigureAwait(false);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<InvocationResult> InvokeLockedAsync(string payloadJson, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        var payload = Encoding.UTF8.GetBytes(payloadJson);
        if (payload.Length > RuntimeApiServer.MaxPayloadBytes)
        {
            // Lambda rejects this before any function runs: the instance is not touched.
            var tooLarge = FunctionError.Create("RequestTooLargeException",
                $"Request must be smaller than {RuntimeApiServer.MaxPayloadBytes} bytes for the InvokeFunction operation", ErrorOrigin.Service);
            return new InvocationResult(requestId, null, tooLarge, false, null, TimeSpan.Zero, []);
        }

        var cold = this.instance is null || this.instance.Process.HasExited;
        if (cold)
        {
            await StopAsync().ConfigureAwait(false);
            this.instance = await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        var instance = this.instance!;
        try
        {
            return await RunAsync(instance, requestId, payload, cold, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The process may still be working on the abandoned event: discard it so the next caller starts clean.
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<InvocationResult> RunAsync(Instance instance, string requestId, byte[] payload, bool cold, CancellationToken cancellationToken)
    {
        var pending = instance.Server.Enqueue(requestId, payload, Options.Timeout);
        var exited = instance.Process.WaitForExitAsync(CancellationToken.None);

        // Phase 1: the runtime takes the event (immediately when warm; after init when cold).
        var initBudget = Task.Delay(Options.InitTimeout, cancellationToken);
        var first = await Task.WhenAny(pending.Dispatched.Task, pending.Completion.Task, exited, initBudget).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        TimeSpan? initDuration = cold && instance.Server.FirstNext.IsCompleted
            ? Stopwatch.GetElapsedTime(instance.StartTimestamp, instance.Server.FirstNext.Result)
            : null;

        FunctionError? failure = null;
        if (first == initBudget)
        {
            failure = FunctionError.Create("Sandbox.Timedout",
                $"RequestId: {requestId} Error: Init timed out after {Options.InitTimeout.TotalSeconds:0.00} seconds", ErrorOrigin.Runtime);
        }
        else if (!pending.Dispatched.Task.IsCompleted && !pending.Completion.Task.IsCompleted)
        {
            failure = await ExitErrorAsync(instance, requestId).ConfigureAwait(false);
        }
        if (failure is not null)
        {
            return await FailAsync(instance, requestId, failure, cold, initDuration, TimeSpan.Zero).ConfigureAwait(false);
        }

        // Phase 2: the handler runs, bounded by the function timeout.
        var started = pending.Dispatched.Task.IsCompleted ? pending.Dispatched.Task.Result : Stopwatch.GetTimestamp();
        var budget = Task.Delay(Options.Timeout, cancellationToken);
        var done = await Task.WhenAny(pending.Completion.Task, exited, budget).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (pending.Completion.Task.IsCompleted)
        {
            var outcome = pending.Completion.Task.Result;
            var duration = Stopwatch.GetElapsedTime(started, outcome.CompletedTimestamp);
            if (outcome.Error is { } error && instance.Server.InitError.IsCompleted)
            {
                return await FailAsync(instance, requestId, error, cold, initDuration, duration).ConfigureAwait(false);
            }
            var payloadText = outcome.Response is null ? null : Encoding.UTF8.GetString(outcome.Response);
            return new InvocationResult(requestId, payloadText, outcome.Error, cold, initDuration, duration, instance.Logs.ReadNew())
            {
                LogStreamName = instance.LogStreamName,
                EndTime = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(outcome.CompletedTimestamp),
            };
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        failure = done == budget
            ? FunctionError.Create("Sandbox.Timedout",
                $"RequestId: {requestId} Error: Task timed out after {Options.Timeout.TotalSeconds:0.00} seconds", ErrorOrigin.Runtime)
            : await ExitErrorAsync(instance, requestId).ConfigureAwait(false);
        return await FailAsync(instance, requestId, failure, cold, initDuration, elapsed).ConfigureAwait(false);
    }

    /// <summary>The error for a process that is gone: its init error if it reported one, else Runtime.ExitError.</summary>
    private static async Task<FunctionError> ExitErrorAsync(Instance instance, string requestId)
    {
        await instance.Process.WaitForExitAsync().ConfigureAwait(false);
        if (instance.Server.InitError.IsCompleted)
        {
            return instance.Server.InitError.Result;
        }
        return FunctionError.Create("Runtime.ExitError",
            $"RequestId: {requestId} Error: Runtime exited with error: exit status {instance.Process.ExitCode}", ErrorOrigin.Runtime);
    }

    /// <summary>Ends the instance (as Lambda resets the environment) and returns the failed result with every last log line.</summary>
    private async Task<InvocationResult> FailAsync(Instance instance, string requestId, FunctionError error, bool cold, TimeSpan? initDuration,
        TimeSpan duration)
    {
        var logs = await StopAsync().ConfigureAwait(false);
        return new InvocationResult(requestId, null, error, cold, initDuration, duration, logs) { LogStreamName = instance.LogStreamName };
    }

    private async Task<Instance> StartAsync(CancellationToken cancellationToken)
    {
        var server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { FunctionArn = Options.FunctionArn }, cancellationToken)
            .ConfigureAwait(false);
        var logs = new LogFile(Path.Combine(directory, $"process-{++this.starts}.log"));
        var logStreamName = FunctionProcess.NewLogStreamName(Options);
        var startInfo = FunctionProcess.CreateStartInfo(Options, server.RuntimeApi, logs.Path, logStreamName);
        var timestamp = Stopwatch.GetTimestamp();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Options.BootstrapPath}");
        process.StandardInput.Close();
        Options.ProcessStarted?.Invoke(process.Id);
        return new Instance(server, process, logs, logStreamName, timestamp);
    }

    /// <summary>Ends the current process; returns the lines it wrote since the last read, up to its exit.</summary>
    private async Task<IReadOnlyList<string>> StopAsync()
    {
        if (this.instance is not { } instance)
        {
            return [];
        }
        this.instance = null;
        if (!instance.Process.HasExited)
        {
            instance.Process.Kill(entireProcessTree: true);
        }
        await instance.Process.WaitForExitAsync().ConfigureAwait(false);
        var logs = instance.Logs.ReadNew(final: true);
        instance.Process.Dispose();
        await instance.Server.DisposeAsync().ConfigureAwait(false);
        return logs;
    }

    private sealed record Instance(RuntimeApiServer Server, Process Process, LogFile Logs, string LogStreamName, long StartTimestamp);
}
