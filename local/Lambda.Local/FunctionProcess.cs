using System.Diagnostics;
using System.Globalization;

namespace Lambda.Local;

/// <summary>The process a function instance runs in: the environment Lambda gives a custom runtime.</summary>
public static class FunctionProcess
{
    /// <summary>
    /// A start for <paramref name="options"/>.BootstrapPath talking to <paramref name="runtimeApi"/>, with stdout and
    /// stderr appended to <paramref name="logPath"/> (through `sh -c exec`, which costs ~1 ms and leaves the
    /// bootstrap as the process itself). The environment is Lambda's, not the caller's.
    /// </summary>
    public static ProcessStartInfo CreateStartInfo(LocalFunctionOptions options, string runtimeApi, string logPath, string? logStreamName = null)
    {
        var bootstrap = Path.GetFullPath(options.BootstrapPath);
        if (!File.Exists(bootstrap))
        {
            throw new FileNotFoundException($"No bootstrap at {bootstrap}. Publish the function first (make package).", bootstrap);
        }
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(bootstrap)!,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("exec \"$0\" >>\"$1\" 2>&1");
        startInfo.ArgumentList.Add(bootstrap);
        startInfo.ArgumentList.Add(logPath);
        startInfo.Environment.Clear();
        foreach (var (name, value) in LambdaVariables(options, runtimeApi, Path.GetDirectoryName(bootstrap)!, logStreamName))
        {
            startInfo.Environment[name] = value;
        }
        return startInfo;
    }

    /// <summary>The variables Lambda sets for provided.al2023, then the function's own.</summary>
    public static IEnumerable<KeyValuePair<string, string>> LambdaVariables(LocalFunctionOptions options, string runtimeApi, string taskRoot,
        string? logStreamName = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
            ["_HANDLER"] = options.Handler,
            ["LAMBDA_TASK_ROOT"] = taskRoot,
            ["LAMBDA_RUNTIME_DIR"] = taskRoot,
            ["AWS_REGION"] = options.Region,
            ["AWS_DEFAULT_REGION"] = options.Region,
            ["AWS_LAMBDA_FUNCTION_NAME"] = options.FunctionName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = options.FunctionVersion,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = options.MemorySizeMb.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = options.LogGroupName,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = logStreamName ?? NewLogStreamName(options),
            ["AWS_LAMBDA_LOG_FORMAT"] = options.LogFormat,
        };
        if (options.LogLevel is { } level)
        {
            variables["AWS_LAMBDA_LOG_LEVEL"] = level;
        }
        foreach (var (name, value) in options.Environment)
        {
            variables[name] = value;
        }
        return variables;
    }

    /// <summary>A new instance's log stream, named as Lambda names them: <c>2026/12/01/[$LATEST]&lt;32 hex&gt;</c>.</summary>
    public static string NewLogStreamName(LocalFunctionOptions options) =>
        $"{DateTime.UtcNow.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/[{options.FunctionVersion}]{Guid.NewGuid():N}";
}
