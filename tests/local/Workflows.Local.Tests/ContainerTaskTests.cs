using System.Text.Json.Nodes;
using Aws.Local;

namespace Workflows.Local.Tests;

/// <summary>The container-task workflow with the simulated ecs:runTask.sync and the SNS outbox.</summary>
public sealed class ContainerTaskTests
{
    [Fact]
    public async Task A_task_that_exits_0_publishes_the_success_notice()
    {
        using var scratch = Repo.Scratch();

        var outcome = await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.ContainerTask), scratch.Paths);

        Assert.Equal("SUCCEEDED", outcome.Result.StatusText);
        var notice = JsonNode.Parse(Assert.Single(File.ReadAllLines(scratch.Paths.SnsOutbox)))!;
        Assert.Equal("Container task succeeded", notice["Subject"]!.GetValue<string>());
        Assert.EndsWith("serverless-workflows-container-task-notifications", notice["TopicArn"]!.GetValue<string>(), StringComparison.Ordinal);
        var message = JsonNode.Parse(notice["Message"]!.GetValue<string>())!;
        Assert.Equal("SUCCEEDED", message["status"]!.GetValue<string>());
        Assert.StartsWith(Arn.Local("ecs", "task/serverless-workflows-container/").ToString(), message["task_arn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(outcome.Result.ExecutionArn, message["execution_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_that_exits_1_publishes_the_failure_notice_then_fails_the_execution()
    {
        using var scratch = Repo.Scratch();

        var outcome = await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.ContainerTask, EcsExitCode: 1), scratch.Paths);

        Assert.Equal("FAILED", outcome.Result.StatusText);
        Assert.Equal("ContainerTaskFailed", outcome.Result.Error);
        var notice = JsonNode.Parse(Assert.Single(outcome.PublishedMessages))!;
        Assert.Equal("Container task failed", notice["Subject"]!.GetValue<string>());
        var message = JsonNode.Parse(notice["Message"]!.GetValue<string>())!;
        Assert.Equal("States.TaskFailed", message["error"]!["Error"]!.GetValue<string>());
        var task = JsonNode.Parse(message["error"]!["Cause"]!.GetValue<string>())!;
        Assert.Equal("STOPPED", task["LastStatus"]!.GetValue<string>());
        Assert.Equal(1, task["Containers"]![0]!["ExitCode"]!.GetValue<int>());

        // The notice lands before the execution fails.
        var types = outcome.Result.History.Select(e => e.Type).ToList();
        Assert.True(types.LastIndexOf("TaskSucceeded") < types.IndexOf("ExecutionFailed"));
    }

    [Fact]
    public async Task The_outbox_keeps_every_run_and_a_run_reports_only_its_own_messages()
    {
        using var scratch = Repo.Scratch();

        await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.ContainerTask), scratch.Paths);
        var second = await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.ContainerTask, EcsExitCode: 2), scratch.Paths);

        Assert.Equal(2, File.ReadAllLines(scratch.Paths.SnsOutbox).Length);
        Assert.Contains("Container task failed", Assert.Single(second.PublishedMessages), StringComparison.Ordinal);
    }
}
