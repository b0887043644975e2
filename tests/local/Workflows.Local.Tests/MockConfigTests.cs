using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.Mocks;
using StepFunctions.Local.Integrations;
using StepFunctions.Local;

namespace Workflows.Local.Tests;

/// <summary>The same paths as AWS's Step Functions Local test cases (Data/MockConfigFile.json), on the rendered definitions.</summary>
public sealed class MockConfigTests
{
    private static readonly MockConfig Mocks = MockConfig.Load(Path.Combine(AppContext.BaseDirectory, "Data", "MockConfigFile.json"));

    [Theory]
    [InlineData("EvenPath", """{"number":42,"parity":"even"}""")]
    [InlineData("OddPath", """{"number":7,"parity":"odd"}""")]
    [InlineData("RetryThenSucceed", """{"number":42,"parity":"even"}""")]
    public async Task Number_processor_paths_succeed(string testCase, string output)
    {
        var result = await Run(WorkflowCatalog.NumberProcessor, testCase);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(output, result.Output!.ToJsonString());
    }

    [Fact]
    public async Task Number_processor_catches_what_outlasts_the_retries()
    {
        var result = await Run(WorkflowCatalog.NumberProcessor, "RetryThenCatch");

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("NumberProcessingFailed", result.Error);
        Assert.Equal(7, result.History.Count(e => e.Type == "TaskFailed"));
    }

    [Fact]
    public async Task Container_success_notifies_success()
    {
        var result = await Run(WorkflowCatalog.ContainerTask, "ContainerSucceeds");

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Contains(Entered(result), name => name == "NotifySuccess");
    }

    [Fact]
    public async Task Container_failure_notifies_failure_then_fails()
    {
        var result = await Run(WorkflowCatalog.ContainerTask, "ContainerFails");

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("ContainerTaskFailed", result.Error);
        Assert.Equal(["RunContainerTask", "NotifyFailure", "ContainerTaskFailed"], Entered(result));
    }

    private static Task<ExecutionResult> Run(string name, string testCase)
    {
        var workflow = WorkflowCatalog.Find(name, Repo.Paths.Templates)!;
        var machine = WorkflowRunner.Compile(workflow);
        var resolver = new ResolverBuilder().WithMockConfig(Mocks, testCase, workflow.StateMachineName).Build();
        return machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { Resolver = resolver, TimeScale = 0 });
    }

    private static string[] Entered(ExecutionResult result) =>
        [.. result.History.Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)).Select(e => e.Details!["name"]!.GetValue<string>())];
}
