using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.Mocks;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Tests;

/// <summary>Step Functions Local's MockConfigFile: test cases, "0"/"1-2" invocation keys, Return and Throw.</summary>
public class MockConfigTests
{
    private const string Definition = """
    {"StartAt":"Generate","States":{
      "Generate":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"gen"},
        "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2}],
        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Failed"}],"OutputPath":"$.Payload","End":true},
      "Failed":{"Type":"Fail","Error":"GenerateFailed"}}}
    """;

    private const string Config = """
    {"StateMachines":{"NumberProcessor":{"TestCases":{
        "HappyPath":{"Generate":"GenerateOk"},
        "RetryThenOk":{"Generate":"FlakyGenerate"},
        "AlwaysFails":{"Generate":"BrokenGenerate"},
        "Uncovered":{"Generate":"OnlyOnce"}}}},
     "MockedResponses":{
        "GenerateOk":{"0":{"Return":{"StatusCode":200,"Payload":{"number":4,"is_even":true}}}},
        "FlakyGenerate":{"0-1":{"Throw":{"Error":"Lambda.ServiceException","Cause":"try again"}},"2":{"Return":{"StatusCode":200,"Payload":{"number":7}}}},
        "BrokenGenerate":{"0-3":{"Throw":{"Error":"Lambda.ServiceException","Cause":"down"}}},
        "OnlyOnce":{"0":{"Throw":{"Error":"Lambda.ServiceException","Cause":"x"}}}}}
    """;

    private static Task<ExecutionResult> Run(string testCase)
    {
        var resolver = new ResolverBuilder().WithMockConfig(MockConfig.Parse(Config), testCase).Build();
        return LocalStateMachine.Create(Definition, "NumberProcessor").ExecuteAsync(null, new ExecutionOptions { Resolver = resolver, TimeScale = 0 });
    }

    [Fact]
    public async Task Return_is_the_task_result() =>
        Sfn.JsonEqual("""{"number":4,"is_even":true}""", (await Run("HappyPath")).Output);

    [Fact]
    public async Task A_range_key_covers_each_retry_attempt()
    {
        var result = await Run("RetryThenOk");
        Sfn.JsonEqual("""{"number":7}""", result.Output);
        Assert.Equal(2, result.History.Count(e => e.Type == "TaskFailed"));
    }

    [Fact]
    public async Task Throw_fails_the_task_with_its_error_and_cause()
    {
        var result = await Run("AlwaysFails");
        Assert.Equal("GenerateFailed", result.Error);
        var failed = result.History.Last(e => e.Type == "TaskFailed").Details!;
        Assert.Equal(("Lambda.ServiceException", "down"), (failed["error"]!.GetValue<string>(), failed["cause"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_attempt_no_key_covers_fails_the_execution_with_a_clear_cause()
    {
        var result = await Run("Uncovered");
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("no entry for invocation 1", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_test_case_is_named_in_the_error() =>
        Assert.Contains("'Nope'", Assert.Throws<MockConfigException>(() => new MockConfigResolver(MockConfig.Parse(Config), "Nope")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"StateMachines":{}}""")]
    [InlineData("""{"StateMachines":{},"MockedResponses":{"R":{"x":{"Return":1}}}}""")]
    [InlineData("""{"StateMachines":{},"MockedResponses":{"R":{"0":{"Return":1,"Throw":{"Error":"E"}}}}}""")]
    [InlineData("""{"StateMachines":{"M":{"TestCases":{"T":{"S":"Missing"}}}},"MockedResponses":{}}""")]
    [InlineData("""{"StateMachines":{},"MockedResponses":{"R":{"2-1":{"Return":1}}}}""")]
    public void Malformed_configs_are_rejected_with_a_message(string json) =>
        Assert.False(string.IsNullOrEmpty(Assert.Throws<MockConfigException>(() => MockConfig.Parse(json)).Message));

    [Fact]
    public async Task States_a_test_case_does_not_mock_fall_through_to_other_integrations()
    {
        var resolver = new ResolverBuilder()
            .WithMockConfig(MockConfig.Parse(Config), "HappyPath")
            .MapState("Other", _ => Json.Parse("\"real\""))
            .Build();
        var definition = """{"StartAt":"Other","States":{"Other":{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true}}}""";
        var result = await LocalStateMachine.Create(definition).ExecuteAsync(null, new ExecutionOptions { Resolver = resolver });
        Sfn.JsonEqual("\"real\"", result.Output);
    }
}
