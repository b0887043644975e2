using StepFunctions.Local.Core;
using StepFunctions.Local.Testing;

namespace StepFunctions.Local.Tests.Testing;

/// <summary>TestState's domain in process, as the service and the CLI call it: the result's AWS shape, and refusals
/// that name the member at fault (and the fix where AWS's message does not say it) with AWS's error names.</summary>
public sealed class TestStateRunnerTests
{
    private static Task<TestStateResult> Run(TestStateMembers members) =>
        TestStateRunner.RunAsync(members, configure =>
        {
            var builder = new ResolverBuilder();
            configure?.Invoke(builder);
            return builder.Build();
        });

    [Fact]
    public async Task A_Pass_state_answers_AWS_response_shape_without_absent_members()
    {
        var result = await Run(new TestStateMembers { Definition = """{"Type":"Pass","Result":{"a":1},"ResultPath":"$.r","Next":"N"}""", Input = """{"x":0}""" });
        Sfn.JsonEqual("""{"output":"{\"x\":0,\"r\":{\"a\":1}}","nextState":"N","status":"SUCCEEDED"}""", result.ToJson());
    }

    [Fact]
    public async Task A_mocked_Parallel_result_of_the_wrong_length_is_refused_naming_the_mock_and_the_fix()
    {
        var e = await Assert.ThrowsAsync<TestStateException>(() => Run(new TestStateMembers
        {
            Definition = """{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}""",
            Mock = new TestStateMockMembers("[1]", false, null, null),
        }));
        Assert.Equal((TestStateError.ValidationException, "mock"), (e.Error, e.Member));
        Assert.Equal("Mocked result must contain the same number of items as number of Parallel branches.", e.Message);
        Assert.Equal("give mock.result as an array of 2 items, one per branch", e.Fix);
    }

    [Fact]
    public async Task A_map_without_a_mock_is_an_invalid_definition_and_bad_input_json_an_invalid_execution_input()
    {
        var map = await Assert.ThrowsAsync<TestStateException>(() => Run(new TestStateMembers
        {
            Definition = """{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""",
        }));
        Assert.Equal(("InvalidDefinition", "mock"), (map.Code, map.Member));
        var input = await Assert.ThrowsAsync<TestStateException>(() => Run(new TestStateMembers { Definition = """{"Type":"Pass","End":true}""", Input = "{nope" }));
        Assert.Equal((TestStateError.InvalidExecutionInput, "input"), (input.Error, input.Member));
    }
}
