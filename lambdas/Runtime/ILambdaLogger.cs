namespace Lambdas.Runtime;

/// <summary>Lambda log levels, in the order AWS_LAMBDA_LOG_LEVEL filters them.</summary>
public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
}

/// <summary>Writes one log record per call; every record carries the current request id.</summary>
public interface ILambdaLogger
{
    bool IsEnabled(LogLevel level);
    void Log(LogLevel level, string message, Exception? exception = null);
}

public static class LambdaLoggerExtensions
{
    public static void LogTrace(this ILambdaLogger logger, string message) => logger.Log(LogLevel.Trace, message);
    public static void LogDebug(this ILambdaLogger logger, string message) => logger.Log(LogLevel.Debug, message);
    public static void LogInformation(this ILambdaLogger logger, string message) => logger.Log(LogLevel.Information, message);
    public static void LogWarning(this ILambdaLogger logger, string message) => logger.Log(LogLevel.Warning, message);
    public static void LogError(this ILambdaLogger logger, string message, Exception? exception = null) =>
        logger.Log(LogLevel.Error, message, exception);
    public static void LogCritical(this ILambdaLogger logger, string message, Exception? exception = null) =>
        logger.Log(LogLevel.Critical, message, exception);
}
