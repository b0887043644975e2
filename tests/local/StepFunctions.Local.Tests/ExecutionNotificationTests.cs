using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Execution.Notifications;
using StepFunctions.Local.Integrations.EventBridge;
using StepFunctions.Local.Integrations.Sns;

namespace StepFunctions.Local.Tests;

/// <summary>The status-change event sink: an execution's end becomes EventBridge's event, a matching rule's input
/// transformer makes the message, and the message lands in the SNS outbox.</summary>
public sealed class ExecutionNotificationTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:alerts";

    private static readonly InputTransformer Transformer = InputTransformer.Parse("""
        {"input_paths": {"name": "$.detail.name", "status": "$.detail.status", "error": "$.detail.error", "cause": "$.detail.cause", "source": "$.source", "kind": "$.detail-type", "first": "$.resources[0]"},
         "input_template": "\"<name> ended <status>: <error> (<cause>) from <source>/<kind> <first>\""}
        """, "test transformer");

    private static async Task<(ExecutionResult Result, InMemorySnsOutbox Outbox)> Run(string definition, params string[] statuses)
    {
        var machine = LocalStateMachine.Create(definition, "jobs");
        var outbox = new InMemorySnsOutbox();
        var rules = new[] { new ExecutionNotification(machine.Arn, statuses.ToHashSet(), Transformer, Topic) };
        var result = await machine.ExecuteAsync(Json.Parse("{}"), new ExecutionOptions
        {
            ExecutionName = "run-1",
            Subscribers = [new ExecutionNotifications(rules, outbox)],
        });
        return (result, outbox);
    }

    [Fact]
    public async Task A_failed_execution_sends_the_transformed_message_to_the_topic()
    {
        var (result, outbox) = await Run(Sfn.Single("""{"Type": "Fail", "Error": "JobsFailed", "Cause": "job \"a\" failed"}"""), "FAILED", "TIMED_OUT", "ABORTED");

        var message = Assert.Single(outbox.Messages);
        Assert.Equal(Topic, message.TopicArn);
        // Inside the template's quotes a value is escaped text.
        Assert.Equal($"\"run-1 ended FAILED: JobsFailed (job \\\"a\\\" failed) from aws.states/Step Functions Execution Status Change {result.ExecutionArn}\"", message.Message);
    }

    [Fact]
    public async Task A_status_the_rule_does_not_match_sends_nothing()
    {
        var (_, outbox) = await Run(Sfn.Single("""{"Type": "Succeed"}"""), "FAILED", "TIMED_OUT", "ABORTED");

        Assert.Empty(outbox.Messages);
    }

    [Fact]
    public async Task A_success_the_rule_asks_for_has_no_error_to_show()
    {
        var (_, outbox) = await Run(Sfn.Single("""{"Type": "Succeed"}"""), "SUCCEEDED");

        Assert.StartsWith("\"run-1 ended SUCCEEDED:  () from aws.states/", Assert.Single(outbox.Messages).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_has_the_shape_eventbridge_delivers()
    {
        var machine = LocalStateMachine.Create(Sfn.Single("""{"Type": "Succeed"}"""), "jobs");
        var recorder = new Recorder();
        await machine.ExecuteAsync(Json.Parse("""{"a": 1}"""), new ExecutionOptions { ExecutionName = "e", Subscribers = [recorder] });

        var e = ExecutionStatusChange.Of(recorder.Ended!);

        Assert.Equal(("aws.states", "Step Functions Execution Status Change", "123456789012", "us-east-1"),
            (e["source"]!.GetValue<string>(), e["detail-type"]!.GetValue<string>(), e["account"]!.GetValue<string>(), e["region"]!.GetValue<string>()));
        var detail = e["detail"]!;
        Assert.Equal(("SUCCEEDED", "e", machine.Arn), (detail["status"]!.GetValue<string>(), detail["name"]!.GetValue<string>(), detail["stateMachineArn"]!.GetValue<string>()));
        Assert.Equal(("""{"a":1}""", """{"a":1}"""), (detail["input"]!.GetValue<string>(), detail["output"]!.GetValue<string>()));
        Assert.True(detail["stopDate"]!.GetValue<long>() >= detail["startDate"]!.GetValue<long>());
        Assert.Null(detail["error"]);
    }

    [Theory]
    [InlineData("""{"input_template": "x"}""", "input_paths")]
    [InlineData("""{"input_paths": {"a": "detail"}, "input_template": "x"}""", "input_paths.a must be a JSON path")]
    [InlineData("""{"input_paths": {}""", "is not valid JSON")]
    public void A_bad_transformer_file_names_its_problem(string json, string problem)
    {
        var error = Assert.Throws<FormatException>(() => InputTransformer.Parse(json, "notification.json"));

        Assert.StartsWith("notification.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private sealed class Recorder : IExecutionSubscriber
    {
        public ExecutionEndedEvent? Ended { get; private set; }

        public void OnEvent(ExecutionEvent e) => Ended = e as ExecutionEndedEvent ?? Ended;
    }
}
