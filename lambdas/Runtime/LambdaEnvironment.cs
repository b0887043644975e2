using System.Globalization;

namespace Lambdas.Runtime;

public enum LogFormat
{
    Text,
    Json,
}

/// <summary>The AWS_LAMBDA_* settings a runtime reads at start-up. Built from a lookup so tests need no process env.</summary>
public sealed record LambdaEnvironment
{
    public required string RuntimeApi { get; init; }
    public string Handler { get; init; } = "";
    public string TaskRoot { get; init; } = "";
    public string FunctionName { get; init; } = "";
    public string FunctionVersion { get; init; } = "$LATEST";
    public int MemorySizeMb { get; init; }
    public string LogGroupName { get; init; } = "";
    public string LogStreamName { get; init; } = "";
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public static LambdaEnvironment FromProcess() => From(Environment.GetEnvironmentVariable);

    /// <exception cref="InvalidOperationException">AWS_LAMBDA_RUNTIME_API is missing or not host:port: the process was not started by Lambda.</exception>
    public static LambdaEnvironment From(Func<string, string?> get)
    {
        var api = get("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new InvalidOperationException(
                "AWS_LAMBDA_RUNTIME_API is not set. Run this bootstrap under Lambda or local/Lambda.Local, which set it to host:port of the Runtime API.");
        }
        var separator = api.LastIndexOf(':');
        if (separator <= 0 || !ushort.TryParse(api.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0)
        {
            throw new InvalidOperationException(
                $"AWS_LAMBDA_RUNTIME_API is '{api}', not host:port of the Runtime API (e.g. 127.0.0.1:9001). Lambda and local/Lambda.Local set it correctly.");
        }

        return new LambdaEnvironment
        {
            RuntimeApi = api,
            Handler = get("_HANDLER") ?? "",
            TaskRoot = get("LAMBDA_TASK_ROOT") ?? "",
            FunctionName = get("AWS_LAMBDA_FUNCTION_NAME") ?? "",
            FunctionVersion = get("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
            MemorySizeMb = int.TryParse(get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 0,
            LogGroupName = get("AWS_LAMBDA_LOG_GROUP_NAME") ?? "",
            LogStreamName = get("AWS_LAMBDA_LOG_STREAM_NAME") ?? "",
            LogFormat = string.Equals(get("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase) ? LogFormat.Json : LogFormat.Text,
            LogLevel = ParseLevel(get("AWS_LAMBDA_LOG_LEVEL")),
        };
    }

    /// <summary>Lambda's level names (TRACE, DEBUG, INFO, WARN, ERROR, FATAL); anything else means INFO.</summary>
    internal static LogLevel ParseLevel(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
