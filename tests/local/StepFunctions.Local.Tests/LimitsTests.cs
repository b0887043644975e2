using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>AWS quotas: 262,144-byte payloads and 25,000 history events per execution.</summary>
public class LimitsTests
{
    private static readonly string Big = new('x', 262_144);

    [Fact]
    public async Task A_task_result_over_256_KiB_fails_with_DataLimitExceeded()
    {
        var resolver = Sfn.Resolver().MapState("S", _ => JsonValue.Create(Big)).Build();
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true}"""), "{}", resolver);
        Assert.Equal(StatesErrors.DataLimitExceeded, result.Error);
        Assert.Contains("'S'", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataLimitExceeded_cannot_be_caught_by_States_ALL()
    {
        var resolver = Sfn.Resolver().MapState("T", _ => JsonValue.Create(Big)).Build();
        var definition = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y","Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Succeed"}}}""";
        Assert.Equal(StatesErrors.DataLimitExceeded, (await Sfn.Failure(definition, "{}", resolver)).Error);
    }

    [Fact]
    public async Task A_state_output_over_the_limit_fails_even_without_history()
    {
        var machine = LocalStateMachine.Create(Sfn.Single("""{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}"""));
        var input = new JsonObject { ["s"] = new string('y', 140_000) };
        var result = await machine.ExecuteAsync(input, new ExecutionOptions { RecordHistory = false });
        Assert.Equal(StatesErrors.DataLimitExceeded, result.Error);
    }

    [Fact]
    public async Task The_payload_limit_can_be_lifted()
    {
        var resolver = Sfn.Resolver().MapState("S", _ => JsonValue.Create(Big)).Build();
        var machine = LocalStateMachine.Create(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true}"""));
        var result = await machine.ExecuteAsync(null, new ExecutionOptions { Resolver = resolver, MaxPayloadBytes = null });
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task An_execution_past_25000_history_events_fails()
    {
        var items = new JsonArray();
        for (var i = 0; i < 7000; i++)
        {
            items.Add(i);
        }
        var machine = LocalStateMachine.Create("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}""");
        var result = await machine.ExecuteAsync(items, new ExecutionOptions { TimeScale = 0 });
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("25000", result.Cause, StringComparison.Ordinal);
        Assert.Equal("ExecutionFailed", result.History[^1].Type);
    }
}
