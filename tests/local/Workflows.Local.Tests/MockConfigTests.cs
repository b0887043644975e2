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

    // Tasks failed/succeeded over the whole execution: the container task's own outcome, then the notice's
    // two throttled attempts and its third, published one.
    [Theory]
    [InlineData("SuccessNoticeThrottled", ExecutionStatus.Succeeded, 2, 2)]
    [InlineData("FailureNoticeThrottled", ExecutionStatus.Failed, 3, 1)]
    public async Task A_throttled_notice_is_retried_not_lost(string testCase, ExecutionStatus status, int tasksFailed, int tasksSucceeded)
    {
        var result = await Run(WorkflowCatalog.ContainerTask, testCase);

        Assert.Equal(status, result.Status);
        Assert.Equal(tasksFailed, result.History.Count(e => e.Type == "TaskFailed"));
        Assert.Equal(tasksSucceeded, result.History.Count(e => e.Type == "TaskSucceeded"));
        if (status == ExecutionStatus.Failed)
        {
            Assert.Equal("ContainerTaskFailed", result.Error); // the container's failure, reported after the notice went out
        }
    }

    [Fact]
    public async Task A_rejected_notice_is_not_retried()
    {
        var result = await Run(WorkflowCatalog.ContainerTask, "FailureNoticeRejected");

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("SNS.InvalidParameterException", result.Error);
        Assert.Equal(2, result.History.Count(e => e.Type == "TaskFailed")); // the container task, then one notice attempt
    }

    private static Task<ExecutionResult> Run(string name, string testCase)
    {
        var workflow = WorkflowCatalog.Load(Repo.Paths).Find(name)!;
        var machine = WorkflowRunner.Compile(workflow);
        var resolver = new ResolverBuilder().WithMockConfig(Mocks, testCase, workflow.StateMachineName).Build();
        return machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { Resolver = resolver, TimeScale = 0 });
    }

    private static string[] Entered(ExecutionResult result) =>
        [.. result.History.Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)).Select(e => e.Details!["name"]!.GetValue<string>())];
}
