using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Tests;

/// <summary><c>.waitForTaskToken</c>: the request goes out with <c>$$.Task.Token</c>, then the task waits for
/// SendTaskSuccess, SendTaskFailure or a missed heartbeat, through <see cref="TaskTokens"/>.</summary>
public class CallbackTaskTests
{
    private const string Definition = """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters":{"FunctionName":"worker","Payload":{"token.$":"$$.Task.Token","n.$":"$.n"}},HEARTBEAT
          "Catch":[{"ErrorEquals":["Worker.Rejected"],"Next":"Rejected"}],"End":true},
          "Rejected":{"Type":"Pass","End":true}}}
        """;

    /// <summary>The worker: receives the payload the task sends (as lambda:invoke would) and acts on its token.</summary>
    private static IResourceResolver Worker(Func<string, JsonNode, Task> onRequest) => new ResolverBuilder().Add(
        new HandlerResolver().MapResource("arn:aws:states:::lambda:invoke", async (input, _, _) =>
        {
            var payload = input!["Payload"]!;
            await onRequest(payload["token"]!.GetValue<string>(), payload);
            return new JsonObject { ["StatusCode"] = 202 };
        })).Build();

    private static Task<ExecutionResult> RunAsync(TaskTokens? tokens, IResourceResolver resolver, string heartbeat = "") =>
        LocalStateMachine.Create(Definition.Replace("HEARTBEAT", heartbeat, StringComparison.Ordinal))
            .ExecuteAsync(new JsonObject { ["n"] = 5 }, new ExecutionOptions { Resolver = resolver, TaskTokens = tokens, TimeScale = 0 });

    [Fact]
    public async Task The_task_ends_with_the_output_SendTaskSuccess_gives_after_recording_the_request_as_submitted()
    {
        var tokens = new TaskTokens();
        var result = await RunAsync(tokens, Worker((token, payload) =>
        {
            // Answer later, from elsewhere, as a worker would.
            _ = Task.Run(async () =>
            {
                await Task.Delay(50);
                Assert.Equal(TaskTokenAnswer.Accepted, tokens.Succeed(token, new JsonObject { ["doubled"] = payload["n"]!.GetValue<int>() * 2 }));
            });
            return Task.CompletedTask;
        }));

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Sfn.JsonEqual("""{"doubled":10}""", result.Output);
        Assert.Equal(["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"],
            result.History.Select(e => e.Type).Where(t => t.StartsWith("Task", StringComparison.Ordinal) && !t.Contains("State", StringComparison.Ordinal)));
        Assert.Equal("""{"StatusCode":202}""", result.History.Single(e => e.Type == "TaskSubmitted").Details!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_that_arrives_while_the_request_is_still_being_sent_is_not_lost()
    {
        var tokens = new TaskTokens();
        var result = await RunAsync(tokens, Worker((token, payload) =>
        {
            tokens.Succeed(token, JsonValue.Create("early"));
            return Task.CompletedTask;
        }));

        Sfn.JsonEqual("\"early\"", result.Output);
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_its_error_which_a_Catcher_can_take()
    {
        var tokens = new TaskTokens();
        var result = await RunAsync(tokens, Worker((token, payload) =>
        {
            _ = Task.Run(() => tokens.Fail(token, "Worker.Rejected", "number 5 is not welcome"));
            return Task.CompletedTask;
        }));

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Sfn.JsonEqual("""{"Error":"Worker.Rejected","Cause":"number 5 is not welcome"}""", result.Output);
        // Answered once: a second answer finds no task.
        var token = tokens.TokenFor(result.ExecutionArn, 2, 0);
        Assert.Equal(TaskTokenAnswer.Unknown, tokens.Succeed(token, null));
    }

    [Fact]
    public async Task Heartbeats_keep_the_task_waiting_and_a_missed_one_fails_it_with_HeartbeatTimeout()
    {
        var tokens = new TaskTokens();
        var kept = await RunAsync(tokens, Worker((token, payload) =>
        {
            _ = Task.Run(async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await Task.Delay(300);
                    tokens.Heartbeat(token);
                }
                tokens.Succeed(token, JsonValue.Create("done"));
            });
            return Task.CompletedTask;
        }), heartbeat: "\"HeartbeatSeconds\":2,");
        // 3 s in all, past the 2 s heartbeat timeout, never 2 s without a heartbeat: a beat may be 1.7 s late on a
        // loaded machine before the test would fail (it was 0.7 s with 1 s, and failed under CI's load).
        Sfn.JsonEqual("\"done\"", kept.Output);

        var silent = await RunAsync(tokens, Worker((_, _) => Task.CompletedTask), heartbeat: "\"HeartbeatSeconds\":1,");
        Assert.Equal((ExecutionStatus.Failed, StatesErrors.HeartbeatTimeout), (silent.Status, silent.Error));
    }

    [Fact]
    public async Task Without_a_service_to_answer_the_task_fails_naming_the_ways_to_run_it()
    {
        var result = await RunAsync(null, Worker((_, _) => Task.CompletedTask));

        Assert.Equal((ExecutionStatus.Failed, StatesErrors.TaskFailed), (result.Status, result.Error));
        Assert.Contains("make console", result.Cause, StringComparison.Ordinal);
    }

    /// <summary>A parent that starts a child with its token and waits (startExecution.waitForTaskToken); the child
    /// answers through aws-sdk:sfn:sendTaskSuccess or sendTaskFailure, as the orchestrator's resume gate does.</summary>
    private static Task<ExecutionResult> RunParentAsync(string answer)
    {
        var tokens = new TaskTokens();
        var child = LocalStateMachine.Create("""
            {"QueryLanguage":"JSONata","StartAt":"Answer","States":{"Answer":{"Type":"Task",
              "Resource":"arn:aws:states:::aws-sdk:sfn:ANSWER","Arguments":{"TaskToken":"{% $states.input.token %}",
              "Output":"{\"answered\":true}","Error":"Held","Cause":"{% 'line one\nline two' %}"},"End":true}}}
            """.Replace("ANSWER", answer, StringComparison.Ordinal), "child");
        var builder = Sfn.Resolver().WithTaskCallbacks(tokens);
        builder.StateMachines.Register(child);
        var resolver = builder.Build();
        builder.StateMachines.ChildOptions = new ExecutionOptions { Resolver = resolver, TaskTokens = tokens };
        var parent = Sfn.Fill("""
            {"QueryLanguage":"JSONata","StartAt":"Wait","States":{"Wait":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
              "Arguments":{"StateMachineArn":"{child.Arn}","Input":{"token":"{% $states.context.Task.Token %}"}},"TimeoutSeconds":30,"End":true}}}
            """, ("child.Arn", child.Arn));
        return LocalStateMachine.Create(parent).ExecuteAsync(new JsonObject(), new ExecutionOptions { Resolver = resolver, TaskTokens = tokens, TimeScale = 0 });
    }

    [Fact]
    public async Task A_child_that_sends_task_failure_fails_the_waiting_parent_with_its_error_and_cause_verbatim()
    {
        var result = await RunParentAsync("sendTaskFailure");

        Assert.Equal((ExecutionStatus.Failed, "Held", "line one\nline two"), (result.Status, result.Error, result.Cause));
        // The start went out as a request-response call (TaskSubmitted holds StartExecution's answer), then the task waited.
        Assert.NotNull(result.History.Single(e => e.Type == "TaskSubmitted").Details!["output"]!.GetValue<string>().Contains("ExecutionArn", StringComparison.Ordinal) ? "" : null);
    }

    [Fact]
    public async Task A_child_that_sends_task_success_gives_the_waiting_parent_its_output()
    {
        var result = await RunParentAsync("sendTaskSuccess");

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Sfn.JsonEqual("""{"answered":true}""", result.Output);
    }

    [Fact]
    public async Task Answering_a_token_no_task_waits_for_is_TaskDoesNotExist()
    {
        var resolver = Sfn.Resolver().WithTaskCallbacks(new TaskTokens()).Build();
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:sendTaskSuccess","Parameters":{"TaskToken":"AQnobody","Output":"{}"},"End":true}"""), "{}", resolver);

        Assert.Equal("Sfn.TaskDoesNotExistException", result.Error);
    }
}
