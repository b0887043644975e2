using Aws.Local;

namespace Lambda.Local;

/// <summary>How to run one function: its package and the configuration Lambda would give it.</summary>
public sealed class LocalFunctionOptions
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
    /// <summary>Extra variables (the function's `environment` block).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Lambda's default log group for the function (Terraform's lambda-function module creates it by this name).</summary>
    public string LogGroupName => LogGroupOf(FunctionName);

    public static string LogGroupOf(string functionName) => $"/aws/lambda/{functionName}";

    public string FunctionArn => new Arn(LocalAccount.Partition, "lambda", Region, AccountId, $"function:{FunctionName}").ToString();
}
