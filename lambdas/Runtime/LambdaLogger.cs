namespace Lambdas.Runtime;

/// <summary>
/// The runtime's logger: filters by AWS_LAMBDA_LOG_LEVEL, stamps the current request id and writes whole
/// lines straight to the output stream (stdout under Lambda), flushed, so no record is lost if the process dies.
/// </summary>
public sealed class LambdaLogger(Stream output, LogFormat format, LogLevel minimumLevel, TimeProvider time) : ILambdaLogger
{
    private readonly Lock gate = new();
    private volatile InvocationRequest? current;

    /// <summary>The invocation whose request id and trace id go on each record; null during init.</summary>
    internal InvocationRequest? Current
    {
        get => current;
        set => current = value;
    }

    public bool IsEnabled(LogLevel level) => level >= minimumLevel;

    public void Log(LogLevel level, string message, Exception? exception = null)
    {
        if (!IsEnabled(level))
        {
            return;
        }
        var request = current;
        var error = exception is null ? null : ErrorReport.From(exception);
        var line = LogFormatter.Format(format, time.GetUtcNow(), level, request?.RequestId, request?.TraceId, message, error);
        lock (gate)
        {
            output.Write(line);
            output.Flush();
        }
    }
}
