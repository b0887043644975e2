using Aws.Local;
using Lambda.Local;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Service.Store;
using Workflows.Local;

namespace StepFunctions.Service;

/// <summary>Deploys the project's workflows into the store as Terraform deploys them: every workflow of the
/// catalog, its template rendered with the root module's variables, under its Terraform name and with its
/// type. A changed template updates the state machine; executions keep the definition they started with. A
/// changed type replaces it, as Terraform does.</summary>
public static class WorkflowDeployment
{
    public static async Task<IReadOnlyList<StateMachineRecord>> DeployAsync(SqliteStore store, WorkflowCatalog catalog)
    {
        var deployed = new List<StateMachineRecord>();
        foreach (var name in catalog.Names)
        {
            var workflow = catalog.Find(name)!;
            var definition = WorkflowRunner.Render(workflow);
            LocalStateMachine.Create(definition, workflow.StateMachineName, workflow.StateMachineArn); // fails loudly on a broken template
            var now = DateTimeOffset.UtcNow;
            var type = workflow.Type.ToApiName();
            var machine = store.GetStateMachine(workflow.StateMachineArn) switch
            {
                { } existing when existing.Type == type && existing.Definition == definition => existing,
                { } existing when existing.Type == type => existing with { Definition = definition, Updated = now, RevisionId = Guid.NewGuid().ToString() },
                // New, or replaced: a changed type replaces the state machine, as Terraform does.
                _ => new StateMachineRecord(workflow.StateMachineArn, workflow.StateMachineName, type, definition,
                    Arn.Local("iam", $"role/{workflow.StateMachineName}").ToString(), now, null, null, Deployed: true),
            };
            await store.UpsertStateMachineAsync(machine).ConfigureAwait(false);
            deployed.Add(machine);
        }
        // Terraform creates each function's log group with the function; FilterLogEvents finds them before any line.
        foreach (var package in catalog.Names.SelectMany(catalog.WiredFunctions).Distinct())
        {
            await store.EnsureLogGroupAsync(LocalFunctionOptions.LogGroupOf(catalog.Deployment.FunctionName(package))).ConfigureAwait(false);
        }
        return deployed;
    }
}
