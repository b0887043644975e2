using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.StepFunctions;

namespace StepFunctions.Local.Tests;

/// <summary>aws-sdk:sfn:describeExecution on the executions a process ran (<see cref="ObservedExecutions"/>): the API's
/// members in PascalCase while an execution runs and after it ended, and Sfn.* errors Catch can match.</summary>
public sealed class DescribeExecutionIntegrationTests
{
    // Describes the execution named in the input (or itself), catching every error into the output.
    private const string Describe = """
        {"QueryLanguage": "JSONata", "StartAt": "Describe", "States": {
          "Describe": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:describeExecution",
                       "Arguments": {"ExecutionArn": "{% $exists($states.input.arn) ? $states.input.arn : $states.context.Execution.Id %}"},
                       "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "Done"}],
                       "Next": "Done"},
          "Done": {"Type": "Succeed"}}}
        """;

    private readonly ObservedExecutions executions = new();

    private async Task<ExecutionResult> Run(string definition, JsonNode input, string name)
    {
        var builder = new ResolverBuilder();
        builder.Executions.Lookup = executions.Find;
        return await LocalStateMachine.Create(definition, "describer").ExecuteAsync(input, new ExecutionOptions
        {
            Resolver = builder.Build(),
            Subscribers = [executions],
            ExecutionName = name,
        });
    }

    [Fact]
    public async Task A_running_execution_is_RUNNING_with_its_input_and_no_stop_date_or_output()
    {
        var result = await Run(Describe, new JsonObject { ["n"] = 1 }, "self");

        var described = result.Output!.AsObject();
        Assert.Equal(("RUNNING", result.ExecutionArn, "self"), (described["Status"]!.GetValue<string>(), described["ExecutionArn"]!.GetValue<string>(), described["Name"]!.GetValue<string>()));
        Assert.EndsWith(":stateMachine:describer", described["StateMachineArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("""{"n":1}""", true), (described["Input"]!.GetValue<string>(), described["InputDetails"]!["Included"]!.GetValue<bool>()));
        Assert.Equal(result.StartDate.ToUnixTimeMilliseconds(), described["StartDate"]!.GetValue<long>());
        Assert.False(described.ContainsKey("StopDate") || described.ContainsKey("Output") || described.ContainsKey("Error"), described.ToJsonString());
    }

    [Fact]
    public async Task An_ended_execution_reports_its_end_output_or_error()
    {
        var succeeded = await Run("""{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "End": true}}}""", new JsonObject(), "succeeds");
        var failed = await Run("""{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Broke", "Cause": "on purpose"}}}""", new JsonObject(), "fails");

        var ofSucceeded = (await Run(Describe, new JsonObject { ["arn"] = succeeded.ExecutionArn }, "asks-1")).Output!.AsObject();
        var ofFailed = (await Run(Describe, new JsonObject { ["arn"] = failed.ExecutionArn }, "asks-2")).Output!.AsObject();

        Assert.Equal(("SUCCEEDED", """{"ok":true}""", true), (ofSucceeded["Status"]!.GetValue<string>(), ofSucceeded["Output"]!.GetValue<string>(), ofSucceeded["OutputDetails"]!["Included"]!.GetValue<bool>()));
        Assert.Equal(succeeded.StopDate.ToUnixTimeMilliseconds(), ofSucceeded["StopDate"]!.GetValue<long>());
        Assert.Equal(("FAILED", "Broke", "on purpose"), (ofFailed["Status"]!.GetValue<string>(), ofFailed["Error"]!.GetValue<string>(), ofFailed["Cause"]!.GetValue<string>()));
        Assert.False(ofFailed.ContainsKey("Output"), ofFailed.ToJsonString());
    }

    [Theory]
    [InlineData("arn:aws:states:us-east-1:123456789012:execution:describer:never-ran", "Sfn.ExecutionDoesNotExistException",
        @"^Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:describer:never-ran' \(Service: Sfn, Status Code: 400, Request ID: [0-9a-f-]{36}\)$")]
    [InlineData("not-an-arn", "Sfn.InvalidArnException", @"^Invalid Arn: 'Resource type not valid in this context: not-an-arn' \(Service: Sfn")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:describer", "Sfn.InvalidArnException", "^Invalid Arn: 'Resource type not valid in this context: arn:aws:states")]
    public async Task An_unknown_execution_or_a_bad_arn_fails_with_the_Sfn_error(string arn, string error, string cause)
    {
        var output = (await Run(Describe, new JsonObject { ["arn"] = arn }, "asks")).Output!;

        Assert.Equal(error, output["Error"]!.GetValue<string>());
        Assert.Matches(cause, output["Cause"]!.GetValue<string>());
    }
}
