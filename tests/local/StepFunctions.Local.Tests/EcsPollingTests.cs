using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.Ecs;

namespace StepFunctions.Local.Tests;

/// <summary>ecs:runTask without .sync, then aws-sdk:ecs:describeTasks and stopTask on the same simulated cluster:
/// the poll loop of a job net sees the task move PROVISIONING → RUNNING → STOPPED.</summary>
public sealed class EcsPollingTests
{
    // Starts a task, then describes it until it is STOPPED (or stops it after `stopAfter` polls), keeping every status seen.
    private const string PollLoop = """
        {"QueryLanguage": "JSONata", "StartAt": "Run", "States": {
          "Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask",
                  "Arguments": {"Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/jobs", "TaskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/job:1",
                                "Overrides": {"ContainerOverrides": [{"Name": "worker"}]}},
                  "Assign": {"arn": "{% $states.result.Tasks[0].TaskArn %}", "seen": "{% [$states.result.Tasks[0].LastStatus] %}", "polls": 0},
                  "Next": "Describe"},
          "Describe": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ecs:describeTasks",
                       "Arguments": {"Cluster": "jobs", "Tasks": ["{% $arn %}"]},
                       "Assign": {"seen": "{% $append($seen, $states.result.Tasks[0].LastStatus) %}", "polls": "{% $polls + 1 %}"},
                       "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [
                      {"Condition": "{% $states.input.Tasks[0].LastStatus = 'STOPPED' %}", "Next": "Done"},
                      {"Condition": "{% $polls >= $states.context.Execution.Input.stopAfter %}", "Next": "Stop"}],
                    "Default": "Describe"},
          "Stop": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ecs:stopTask",
                   "Arguments": {"Cluster": "jobs", "Task": "{% $arn %}", "Reason": "too slow"}, "Next": "Describe"},
          "Done": {"Type": "Pass", "Output": {"seen": "{% $seen %}", "task": "{% $states.input.Tasks[0] %}"}, "End": true}}}
        """;

    [Fact]
    public async Task Successive_polls_see_provisioning_running_then_stopped_with_the_exit_code()
    {
        var output = await Sfn.Output(PollLoop, """{"stopAfter": 100}""", Sfn.Resolver().WithEcsRunner(new SimulatedEcsTaskRunner(3)).Build());

        Sfn.JsonEqual("""["PROVISIONING", "RUNNING", "STOPPED"]""", output!["seen"]);
        var task = output["task"]!;
        Assert.Equal(("EssentialContainerExited", "STOPPED"), (task["StopCode"]!.GetValue<string>(), task["DesiredStatus"]!.GetValue<string>()));
        Assert.Equal(("worker", 3.0), (task["Containers"]![0]!["Name"]!.GetValue<string>(), task["Containers"]![0]!["ExitCode"]!.GetValue<double>()));
        Assert.StartsWith("arn:aws:ecs:us-east-1:123456789012:task/jobs/", task["TaskArn"]!.GetValue<string>(), StringComparison.Ordinal);
        // aws-sdk results are the API response only, without the optimised integrations' SDK metadata.
        Assert.Null(task["SdkHttpMetadata"]);
    }

    [Fact]
    public async Task A_task_that_keeps_running_is_stopped_by_stop_task_with_the_callers_reason()
    {
        // An hour of simulated run time at real speed: the container is still running when StopTask arrives.
        var runner = new SimulatedEcsTaskRunner(0, duration: TimeSpan.FromHours(1));
        var result = await LocalStateMachine.Create(PollLoop).ExecuteAsync(Json.Parse("""{"stopAfter": 3}"""),
            new ExecutionOptions { Resolver = Sfn.Resolver().WithEcsRunner(runner).Build(), TimeScale = 1 });

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Sfn.JsonEqual("""["PROVISIONING", "RUNNING", "RUNNING", "RUNNING", "STOPPED"]""", result.Output!["seen"]);
        var task = result.Output["task"]!;
        Assert.Equal(("UserInitiated", "too slow"), (task["StopCode"]!.GetValue<string>(), task["StoppedReason"]!.GetValue<string>()));
        Assert.Equal(143, task["Containers"]![0]!["ExitCode"]!.GetValue<double>());
    }

    [Fact]
    public async Task Describing_an_unknown_task_reports_it_missing_like_ecs()
    {
        var output = await Sfn.Output(Sfn.Single("""
            {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ecs:describeTasks",
             "Parameters": {"Cluster": "jobs", "Tasks": ["0123456789abcdef"]}, "End": true}
            """), "{}", Sfn.Resolver().WithEcsRunner(new SimulatedEcsTaskRunner(0)).Build());

        Sfn.JsonEqual("""{"Failures": [{"Arn": "arn:aws:ecs:us-east-1:123456789012:task/jobs/0123456789abcdef", "Reason": "MISSING"}], "Tasks": []}""", output);
    }

    /// <summary>RunTask by one execution, then DescribeTasks in <paramref name="describedCluster"/> by another, on one cluster.</summary>
    private static async Task<(JsonNode Started, JsonNode Described)> StartThenDescribe(string describedCluster)
    {
        var cluster = new SimulatedEcsCluster(new SimulatedEcsTaskRunner(0));
        var started = await Sfn.Output(Sfn.Single("""{"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "Parameters": {"Cluster": "jobs", "TaskDefinition": "job:1"}, "End": true}"""),
            "{}", Sfn.Resolver().WithEcs(cluster).Build());
        var arn = started!["Tasks"]![0]!["TaskArn"]!.GetValue<string>();
        var described = await Sfn.Output(Sfn.Single($$"""{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ecs:describeTasks", "Parameters": {"Cluster": "{{describedCluster}}", "Tasks": ["{{arn}}"]}, "End": true}"""),
            "{}", Sfn.Resolver().WithEcs(cluster).Build());
        return (started, described!);
    }

    [Fact]
    public async Task A_task_of_another_cluster_is_missing_too()
    {
        var (started, output) = await StartThenDescribe("other");

        Assert.Empty(output["Tasks"]!.AsArray());
        Sfn.JsonEqual($$"""[{"Arn": "{{started["Tasks"]![0]!["TaskArn"]}}", "Reason": "MISSING"}]""", output["Failures"]);
    }

    [Fact]
    public async Task A_cluster_shared_by_two_resolvers_finds_a_task_the_other_started()
    {
        var (started, described) = await StartThenDescribe("jobs");

        Assert.Equal("RUNNING", described["Tasks"]![0]!["LastStatus"]!.GetValue<string>());
        Assert.Equal("app", described["Tasks"]![0]!["Containers"]![0]!["Name"]!.GetValue<string>());
        Assert.NotNull(started["SdkHttpMetadata"]);
    }

    [Theory]
    [InlineData("describeTasks", """{"Cluster": "jobs"}""", "Tasks cannot be empty.")]
    [InlineData("stopTask", """{"Cluster": "jobs", "Task": "0123"}""", "The referenced task was not found.")]
    public async Task Bad_requests_fail_with_the_ecs_exception_name(string action, string parameters, string message)
    {
        var result = await Sfn.Failure(Sfn.Single($$"""{"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ecs:{{action}}", "Parameters": {{parameters}}, "End": true}"""),
            "{}", Sfn.Resolver().WithEcsRunner(new SimulatedEcsTaskRunner(0)).Build());

        Assert.Equal("Ecs.InvalidParameterException", result.Error);
        Assert.StartsWith(message + " (Service: Ecs, Status Code: 400, Request ID: ", result.Cause, StringComparison.Ordinal);
    }
}
