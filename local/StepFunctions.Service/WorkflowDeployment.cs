using Aws.Local;
using Lambda.Local;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Service.Store;
using Workflows.Local;

namespace StepFunctions.Service;

/// <summary>Deploys the project's workflows into the store as Terraform deploys them: every workflow of the
/// catalog, its template rendered with the root module's variables, under its Terraform name. A changed
/// template updates the state machine; executions keep the definition they started with.</summary>
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
            var machine = store.GetStateMachine(workflow.StateMachineArn) switch
            {
                null => new StateMachineRecord(workflow.StateMachineArn, workflow.StateMachineName, "STANDARD", definition,
                    Arn.Local("iam", $"role/{workflow.StateMachineName}").ToString(), now, null, null, Deployed: true),
                { } existing when existing.Definition == definition => existing,
                { } existing => existing with { Definition = definition, Updated = now, RevisionId = Guid.NewGuid().ToString() },
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
