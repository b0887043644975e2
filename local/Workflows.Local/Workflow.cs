using Aws.Local;

namespace Workflows.Local;

/// <summary>
/// A workflow as Terraform deploys it: its state machine name and type, its ASL template and the variables the
/// root module passes to <c>templatefile</c>, here with the local stand-ins for the deployed resources' ARNs.
/// </summary>
public sealed record Workflow(string Name, string StateMachineName, WorkflowType Type, string TemplateFile, IReadOnlyDictionary<string, string> Variables)
{
    public string StateMachineArn => ArnOf(StateMachineName);

    public static string ArnOf(string stateMachineName) => Arn.Local("states", $"stateMachine:{stateMachineName}").ToString();
}
