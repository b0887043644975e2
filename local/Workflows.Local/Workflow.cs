using Aws.Local;

namespace Workflows.Local;

/// <summary>
/// A workflow as Terraform deploys it: its state machine name, its ASL template and the variables the root
/// module passes to <c>templatefile</c>, here with the local stand-ins for the deployed resources' ARNs.
/// </summary>
public sealed record Workflow(string Name, string StateMachineName, string TemplateFile, IReadOnlyDictionary<string, string> Variables)
{
    public string StateMachineArn => ArnOf(StateMachineName);

    public static string ArnOf(string stateMachineName) => LocalAws.Arn("states", $"stateMachine:{stateMachineName}");
}

/// <summary>The local account and region.</summary>
public static class LocalAws
{
    public const string Region = LocalAccount.Region;
    public const string AccountId = LocalAccount.Id;

    /// <summary>The partition the templates are rendered for locally (Terraform passes the deployment's).</summary>
    public const string Partition = LocalAccount.Partition;

    public static string Arn(string service, string resource) => Aws.Local.Arn.Local(service, resource).ToString();
}
