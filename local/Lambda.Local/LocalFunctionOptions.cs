using Aws.Local;

namespace Lambda.Local;

/// <summary>How to run one function: its package and the configuration Lambda would give it.</summary>
public sealed record LocalFunctionOptions
{
    /// <summary>Path of the executable `bootstrap` (a custom runtime, as in a provided.al2023 zip).</summary>
    public required string BootstrapPath { get; init; }
    public string FunctionName { get; init; } = "function";
    public string FunctionVersion { get; init; } = "$LATEST";
    public int MemorySizeMb { get; init; } = 128;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Lambda allows 10 s for init.</summary>
    public TimeSpan InitTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>"Text" or "JSON" (AWS_LAMBDA_LOG_FORMAT).</summary>
    public string LogFormat { get; init; } = "Text";
    /// <summary>TRACE, DEBUG, INFO, WARN, ERROR or FATAL (AWS_LAMBDA_LOG_LEVEL); null leaves it unset.</summary>
    public string? LogLevel { get; init; }
    public string Handler { get; init; } = "bootstrap";
    public string Region { get; init; } = LocalAccount.Region;
    public string AccountId { get; init; } = LocalAccount.Id;
    /// <summary>
    /// At most this many instances (processes) of the function at once, as reserved concurrency bounds a function
    /// on AWS; null takes <see cref="DefaultMaxInstances"/>. Invocations beyond it wait for a free instance.
    /// </summary>
    public int? MaxInstances { get; init; }

    /// <summary>
    /// How long an invocation may wait for a free instance before it fails with TooManyRequestsException (what
    /// Lambda answers a synchronous invoke beyond the function's concurrency at once: it does not queue). The
    /// function's <see cref="Timeout"/> starts only when an instance takes the event.
    /// </summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The bound when <see cref="MaxInstances"/> is unset: twice the cores, at least 4. A warm
    /// invocation of a packaged bootstrap costs far less than the host around it, so more processes than
    /// this only add context switches; twice the cores leaves room for handlers that wait on I/O.</summary>
    public static int DefaultMaxInstances => Math.Max(4, 2 * System.Environment.ProcessorCount);

    /// <summary>The bound in force: <see cref="MaxInstances"/> or <see cref="DefaultMaxInstances"/>.</summary>
    public int InstanceBound => MaxInstances ?? DefaultMaxInstances;

    /// <summary>Told the id of each process as it starts (a debugger attaches to it: DEBUG_FUNCTION).</summary>
    public Action<int>? ProcessStarted { get; init; }

    /// <summary>Extra variables (the function's `environment` block).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Lambda's default log group for the function (Terraform's lambda-function module creates it by this name).</summary>
    public string LogGroupName => LogGroupOf(FunctionName);

    public static string LogGroupOf(string functionName) => $"/aws/lambda/{functionName}";

    public string FunctionArn => new Arn(LocalAccount.Partition, "lambda", Region, AccountId, $"function:{FunctionName}").ToString();
}
