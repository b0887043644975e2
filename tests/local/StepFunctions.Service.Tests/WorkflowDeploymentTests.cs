using System.Text.Json.Nodes;
using StepFunctions.Service.Store;
using Workflows.Local;

namespace StepFunctions.Service.Tests;

/// <summary>make console deploys each workflow of terraform/deployment.json with the type Terraform gives it
/// (in process: the deployment and the store, no server).</summary>
public sealed class WorkflowDeploymentTests : IDisposable
{
    private const string NumberProcessor = "serverless-workflows-number-processor";
    private readonly string root = Directory.CreateTempSubdirectory("workflow-deployment-").FullName;
    private readonly RunPaths repository = RunPaths.FindFrom(AppContext.BaseDirectory);

    [Fact]
    public async Task An_EXPRESS_workflow_is_deployed_EXPRESS_and_a_changed_type_replaces_it()
    {
        Directory.CreateDirectory(Path.Combine(root, "terraform"));
        Directory.CreateSymbolicLink(Path.Combine(root, "terraform", "templates"), repository.Templates);
        await using var store = SqliteStore.Open(Path.Combine(root, "sfn.db"));

        var express = await DeployAsync(store, numberProcessorType: "EXPRESS");
        var standard = await DeployAsync(store, numberProcessorType: "STANDARD");

        Assert.Equal("EXPRESS", express.Single(machine => machine.Name == NumberProcessor).Type);
        Assert.All(express.Where(machine => machine.Name != NumberProcessor), machine => Assert.Equal("STANDARD", machine.Type));
        Assert.Equal("STANDARD", standard.Single(machine => machine.Name == NumberProcessor).Type);
        Assert.Equal("STANDARD", store.GetStateMachine(Workflow.ArnOf(NumberProcessor))!.Type);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Deploys the repository's deployment.json with the number processor's type set.</summary>
    private async Task<IReadOnlyList<StateMachineRecord>> DeployAsync(SqliteStore store, string numberProcessorType)
    {
        var deployment = JsonNode.Parse(File.ReadAllText(repository.Deployment))!;
        deployment["workflows"]!["number-processor"]!["type"] = numberProcessorType;
        File.WriteAllText(Path.Combine(root, "terraform", "deployment.json"), deployment.ToJsonString());
        return await WorkflowDeployment.DeployAsync(store, WorkflowCatalog.Load(new RunPaths(root)));
    }
}
