using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.Ecs;
using StepFunctions.Local.Integrations.Lambda;
using StepFunctions.Local.Integrations.Sns;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Tests;

/// <summary>Lambda (plain ARN and lambda:invoke), SNS, ECS and nested executions.</summary>
public class IntegrationTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:double";

    private static IResourceResolver Functions() => Sfn.Resolver()
        .AddFunction("double", x => new JsonObject { ["n"] = x!["n"]!.GetValue<int>() * 2 })
        .AddFunction("broken", _ => throw new LambdaFunctionException("WrongParityException", "odd number"))
        .Build();

    [Fact]
    public async Task A_plain_function_arn_returns_the_function_output() =>
        Sfn.JsonEqual("""{"n":4}""", await Sfn.Output(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"{FunctionArn}","End":true}""", ("FunctionArn", FunctionArn))), """{"n":2}""", Functions()));

    [Fact]
    public async Task Lambda_invoke_wraps_the_output_in_the_sdk_response_shape()
    {
        var output = await Sfn.Output(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"{FunctionArn}","Payload.$":"$"},"End":true}""", ("FunctionArn", FunctionArn))), """{"n":2}""", Functions());
        Assert.Equal(["ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"], output!.AsObject().Select(p => p.Key).Order());
        Sfn.JsonEqual("""{"n":4}""", output["Payload"]);
        Assert.Equal(200, output["StatusCode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("double")]
    [InlineData("double:$LATEST")]
    [InlineData("123456789012:function:double")]
    public async Task Lambda_invoke_accepts_names_and_partial_arns(string functionName) =>
        Sfn.JsonEqual("""{"n":2}""", await Sfn.Output(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"{functionName}","Payload.$":"$"},"OutputPath":"$.Payload","End":true}""", ("functionName", functionName))), """{"n":1}""", Functions()));

    [Fact]
    public async Task Unwrapping_Payload_after_a_plain_arn_fails_with_States_Runtime()
    {
        var result = await Sfn.Failure(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"{FunctionArn}","OutputPath":"$.Payload","End":true}""", ("FunctionArn", FunctionArn))), """{"n":1}""", Functions());
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("$['Payload']", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_error_surfaces_errorType_and_the_error_document_as_cause()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"broken"},"End":true}"""), "{}", Functions());
        Assert.Equal("WrongParityException", result.Error);
        var cause = Json.Parse(result.Cause!)!;
        Assert.Equal(("WrongParityException", "odd number"), (cause["errorType"]!.GetValue<string>(), cause["errorMessage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_function_error_can_be_caught_by_its_type()
    {
        var definition = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:broken",
          "Catch":[{"ErrorEquals":["WrongParityException"],"Next":"H"}],"End":true},"H":{"Type":"Succeed"}}}
        """;
        Assert.Equal("WrongParityException", (await Sfn.Output(definition, "{}", Functions()))!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_function_fails_with_ResourceNotFoundException()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:ghost","End":true}"""), "{}", Functions());
        Assert.Equal("Lambda.ResourceNotFoundException", result.Error);
        Assert.Contains("function:ghost", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unresolvable_resource_fails_the_task_with_a_clear_cause()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","End":true}"""));
        Assert.Equal(StatesErrors.TaskFailed, result.Error);
        Assert.Contains("No integration handles the resource 'arn:aws:states:::dynamodb:putItem'", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sns_publish_appends_to_the_outbox_and_returns_the_sdk_shape()
    {
        var outbox = new InMemorySnsOutbox();
        var output = await Sfn.Output(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message.$":"$"},"End":true}"""), """{"done":true}""", Sfn.Resolver().WithSnsOutbox(outbox).Build());
        Assert.Equal(["MessageId", "SdkHttpMetadata", "SdkResponseMetadata"], output!.AsObject().Select(p => p.Key).Order());
        var message = Assert.Single(outbox.Messages);
        Assert.Equal(("{\"done\":true}", output["MessageId"]!.GetValue<string>()), (message.Message, message.MessageId));
    }

    [Fact]
    public async Task Sns_publish_to_a_file_writes_one_json_line_per_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"outbox-{Guid.NewGuid():N}.jsonl");
        try
        {
            var resolver = Sfn.Resolver().WithSnsOutbox(new FileSnsOutbox(path)).Build();
            await Sfn.Output(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"hi","Subject":"s"},"End":true}"""), "{}", resolver);
            var line = Json.Parse(Assert.Single(File.ReadAllLines(path)))!;
            Assert.Equal(("hi", "s"), (line["Message"]!.GetValue<string>(), line["Subject"]!.GetValue<string>()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Sns_publish_without_Message_fails_with_InvalidParameterException()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t"},"End":true}"""), "{}", Sfn.Resolver().WithSnsOutbox(new InMemorySnsOutbox()).Build());
        Assert.Equal("SNS.InvalidParameterException", result.Error);
    }

    private const string EcsSync = """{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync","Parameters":{"Cluster":"arn:aws:ecs:us-east-1:123456789012:cluster/c","TaskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/t:1","LaunchType":"FARGATE","Overrides":{"ContainerOverrides":[{"Name":"worker","Command":["run"]}]}},"End":true}""";

    [Fact]
    public async Task Ecs_run_task_sync_returns_the_stopped_task()
    {
        var result = await Sfn.Run(Sfn.Single(EcsSync), "{}", Sfn.Resolver().WithEcsRunner(new SimulatedEcsTaskRunner(0)).Build());
        var task = result.Output!;
        Assert.Equal(("STOPPED", "EssentialContainerExited", "Essential container in task exited"), (task["LastStatus"]!.GetValue<string>(), task["StopCode"]!.GetValue<string>(), task["StoppedReason"]!.GetValue<string>()));
        var container = task["Containers"]![0]!;
        Assert.Equal(("worker", 0, "STOPPED"), (container["Name"]!.GetValue<string>(), container["ExitCode"]!.GetValue<int>(), container["LastStatus"]!.GetValue<string>()));
        Assert.StartsWith("arn:aws:ecs:us-east-1:123456789012:task/c/", task["TaskArn"]!.GetValue<string>());
        Assert.Equal(["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"], result.History.Select(e => e.Type).Where(t => t.StartsWith("Task", StringComparison.Ordinal) && !t.Contains("State", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Ecs_run_task_sync_with_a_non_zero_exit_fails_with_TaskFailed_and_the_task_as_cause()
    {
        var result = await Sfn.Failure(Sfn.Single(EcsSync), "{}", Sfn.Resolver().WithEcsRunner(new SimulatedEcsTaskRunner(3)).Build());
        Assert.Equal(StatesErrors.TaskFailed, result.Error);
        Assert.Equal(3, Json.Parse(result.Cause!)!["Containers"]![0]!["ExitCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ecs_run_task_without_sync_returns_the_run_task_response()
    {
        var output = await Sfn.Output(Sfn.Single(EcsSync.Replace("runTask.sync", "runTask", StringComparison.Ordinal)), "{}", Sfn.Resolver().WithEcsRunner(new SimulatedEcsTaskRunner(0)).Build());
        Assert.Equal("PROVISIONING", output!["Tasks"]![0]!["LastStatus"]!.GetValue<string>());
        Assert.Empty(output["Failures"]!.AsArray());
    }

    private static (IResourceResolver Resolver, LocalStateMachine Child) Nested(string childDefinition)
    {
        var child = LocalStateMachine.Create(childDefinition, "child");
        var builder = Sfn.Resolver();
        builder.StateMachines.Register(child);
        return (builder.Build(), child);
    }

    [Fact]
    public async Task Start_execution_sync_2_returns_the_child_output_as_json()
    {
        var (resolver, child) = Nested(Sfn.Single("""{"Type":"Pass","Parameters":{"got.$":"$.v"},"End":true}"""));
        var output = await Sfn.Output(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"{child.Arn}","Input":{"v.$":"$.v"}},"End":true}""", ("child.Arn", child.Arn))), """{"v":5}""", resolver);
        Sfn.JsonEqual("""{"got":5}""", output!["Output"]);
        Assert.Equal("SUCCEEDED", output["Status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_execution_sync_returns_the_child_output_as_a_string()
    {
        var (resolver, child) = Nested(Sfn.Single("""{"Type":"Pass","Result":1,"End":true}"""));
        var output = await Sfn.Output(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","Parameters":{"StateMachineArn":"{child.Arn}"},"End":true}""", ("child.Arn", child.Arn))), "{}", resolver);
        Assert.Equal("1", output!["Output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_child_fails_the_parent_task_with_TaskFailed()
    {
        var (resolver, child) = Nested(Sfn.Single("""{"Type":"Fail","Error":"ChildBroke"}"""));
        var result = await Sfn.Failure(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"{child.Arn}"},"End":true}""", ("child.Arn", child.Arn))), "{}", resolver);
        Assert.Equal(StatesErrors.TaskFailed, result.Error);
        Assert.Equal("ChildBroke", Json.Parse(result.Cause!)!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribers_see_states_and_tasks_with_integration_metadata()
    {
        var observer = new RecordingSubscriber();
        var invoker = new MetadataInvoker();
        var resolver = Sfn.Resolver().WithLambdaInvoker(invoker).Build();
        var machine = LocalStateMachine.Create(Sfn.Single(Sfn.Fill("""{"Type":"Task","Resource":"{FunctionArn}","End":true}""", ("FunctionArn", FunctionArn))));
        await machine.ExecuteAsync(new JsonObject(), new ExecutionOptions { Resolver = resolver, Subscribers = [observer] });
        Assert.Equal(["entered S Task", "scheduled S", "succeeded S cold=true", "exited S Task", "completed SUCCEEDED"], observer.Lines);
    }

    private sealed class MetadataInvoker : ILambdaInvoker
    {
        public ValueTask<LambdaInvokeResult?> InvokeAsync(LambdaFunctionRef function, JsonNode? payload, CancellationToken cancellationToken) =>
            ValueTask.FromResult<LambdaInvokeResult?>(new LambdaInvokeResult(new JsonObject()) { Report = new LambdaInvocationReport("r-1", ColdStart: true, null, TimeSpan.Zero, TimeSpan.Zero, [], null) });
    }

    private sealed class RecordingSubscriber : IExecutionSubscriber
    {
        public List<string> Lines { get; } = [];

        public void OnEvent(ExecutionEvent e)
        {
            switch (e)
            {
                case StateEnteredEvent entered:
                    Lines.Add($"entered {entered.StateName} {entered.StateType}");
                    break;
                case StateExitedEvent exited:
                    Lines.Add($"exited {exited.StateName} {exited.StateType}");
                    break;
                case TaskScheduledEvent scheduled:
                    Lines.Add($"scheduled {scheduled.StateName}");
                    break;
                case TaskSucceededEvent succeeded:
                    Lines.Add($"succeeded {succeeded.StateName} cold={(succeeded.Lambda?.ColdStart is true ? "true" : "false")}");
                    break;
                case ExecutionEndedEvent ended:
                    Lines.Add($"completed {ended.Status.ToApiName()}");
                    break;
            }
        }
    }
}
