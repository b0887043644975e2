using System.Net;
using System.Text;

namespace Lambdas.Runtime;

/// <summary>
/// The runtime loop: init the handler (reporting init/error on failure), then forever take the next event,
/// run the handler, post its response or error. Returns the process exit code.
/// </summary>
public static class LambdaBootstrap
{
    public const int ExitOk = 0;
    public const int ExitInitFailed = 1;
    public const int ExitRuntimeApiFailed = 2;
    public const int ExitNotInLambda = 3;

    /// <param name="init">Builds the handler. Runs once, in Lambda's init phase; an exception becomes an init error.</param>
    public static async Task<int> RunAsync(Func<IInvocationHandler> init, LambdaBootstrapOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new LambdaBootstrapOptions();
        LambdaEnvironment environment;
        try
        {
            environment = options.Environment ?? LambdaEnvironment.FromProcess();
        }
        catch (InvalidOperationException ex)
        {
            await using var standardError = OpenStandardStream(2);
            await standardError.WriteAsync(Encoding.UTF8.GetBytes(ex.Message + "\n"), cancellationToken).ConfigureAwait(false);
            return ExitNotInLambda;
        }

        if (options.ApplyHeapLimit)
        {
            MemorySettings.TryApplyHeapLimit(environment.MemorySizeMb);
        }
        var logger = new LambdaLogger(options.LogOutput ?? OpenStandardStream(1), environment.LogFormat, environment.LogLevel, options.Time);
        using var client = new RuntimeApiClient(environment.RuntimeApi);

        IInvocationHandler handler;
        try
        {
            handler = init();
        }
        catch (Exception ex)
        {
            logger.LogCritical("Init failed", ex);
            await TrySend(() => client.SendInitErrorAsync(ErrorReport.From(ex), cancellationToken), logger).ConfigureAwait(false);
            return ExitInitFailed;
        }

        var loop = new Loop(client, handler, environment, logger, options);
        return await loop.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Loop(RuntimeApiClient client, IInvocationHandler handler, LambdaEnvironment environment, LambdaLogger logger,
        LambdaBootstrapOptions options)
    {
        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                InvocationRequest request;
                try
                {
                    request = await client.GetNextInvocationAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return ExitOk;
                }
                catch (RuntimeApiException ex)
                {
                    // A 500 (or a dead API) means the sandbox cannot serve more events: exit so Lambda replaces it.
                    logger.LogCritical("Runtime API is unavailable; exiting", ex);
                    return ExitRuntimeApiFailed;
                }

                if (!await InvokeAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    return cancellationToken.IsCancellationRequested ? ExitOk : ExitRuntimeApiFailed;
                }
            }
        }

        /// <returns>false when the Runtime API can no longer be reached.</returns>
        private async Task<bool> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
        {
            logger.Current = request;
            if (options.ExportTraceId)
            {
                Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", request.TraceId);
            }
            try
            {
                var context = new LambdaContext(request, environment, logger, options.Time);
                byte[] body;
                try
                {
                    body = await handler.InvokeAsync(request.Body, context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogError("Invocation failed", ex);
                    await client.SendInvocationErrorAsync(request.RequestId, ErrorReport.From(ex), cancellationToken).ConfigureAwait(false);
                    return true;
                }

                var status = body.Length > RuntimeApiClient.MaxResponseBytes
                    ? HttpStatusCode.RequestEntityTooLarge
                    : await client.SendResponseAsync(request.RequestId, body, cancellationToken).ConfigureAwait(false);
                if (status == HttpStatusCode.RequestEntityTooLarge)
                {
                    var error = new ErrorReport(ErrorReport.ResponseSizeTooLarge,
                        $"Response payload size ({body.Length} bytes) exceeded maximum allowed payload size ({RuntimeApiClient.MaxResponseBytes} bytes).",
                        []);
                    logger.LogError(error.ErrorMessage);
                    await client.SendInvocationErrorAsync(request.RequestId, error, cancellationToken).ConfigureAwait(false);
                }
                else if (status != HttpStatusCode.Accepted)
                {
                    logger.LogWarning($"Runtime API refused the response with {(int)status}");
                }
                return true;
            }
            catch (Exception ex) when (ex is RuntimeApiException or OperationCanceledException)
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogCritical("Could not post the result to the Runtime API; exiting", ex);
                }
                return false;
            }
            finally
            {
                logger.Current = null;
            }
        }
    }

    // File descriptor 1 or 2 as a plain unbuffered stream: what Console.OpenStandardOutput/Error give, without
    // System.Console (its terminal handling is 20 KB of the Native AOT bootstrap and work at start).
    private static FileStream OpenStandardStream(int descriptor) =>
        new(new Microsoft.Win32.SafeHandles.SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    private static async Task TrySend(Func<Task<HttpStatusCode>> send, LambdaLogger logger)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RuntimeApiException or OperationCanceledException)
        {
            logger.LogCritical("Could not report the init error to the Runtime API", ex);
        }
    }
}
