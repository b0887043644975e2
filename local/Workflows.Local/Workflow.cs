using Aws.Local;

namespace Workflows.Local;

/// <summary>
/// A workflow as Terraform deploys it: its ASL template and the variables the root module passes to
/// <c>templatefile</c>, here with the local stand-ins for the deployed resources' ARNs.
/// </summary>
public sealed record Workflow(string Name, string TemplateFile, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>The state machine's name, as <c>"${var.name}-&lt;workflow&gt;"</c> in terraform/main.tf.</summary>
    public string StateMachineName => $"{LocalAws.NamePrefix}-{Name}";

    public string StateMachineArn => LocalAws.Arn("states", $"stateMachine:{StateMachineName}");
}

/// <summary>The local account: names follow terraform/main.tf with the default <c>name</c> variable.</summary>
public static class LocalAws
{
    public const string Region = LocalAccount.Region;
    public const string AccountId = LocalAccount.Id;
    public const string NamePrefix = "serverless-workflows";

    public static string Arn(string service, string resource) => Aws.Local.Arn.Local(service, resource).ToString();

    public static string FunctionArn(string package) => Arn("lambda", $"function:{FunctionName(package)}");

    public static string FunctionName(string package) => $"{NamePrefix}-{package}";

    /// <summary>The package (number-generator, even, odd) behind a deployed function name, or null.</summary>
    public static string? PackageOf(string functionName) =>
        functionName.StartsWith(NamePrefix + "-", StringComparison.Ordinal) ? functionName[(NamePrefix.Length + 1)..] : null;
}
