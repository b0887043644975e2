using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath (AWS "Input and output processing").</summary>
public class InputOutputTests
{
    [Fact]
    public async Task InputPath_selects_part_of_the_input() =>
        Sfn.JsonEqual("""{"v":1}""", await Sfn.Output(Sfn.Single("""{"Type":"Pass","InputPath":"$.d","End":true}"""), """{"d":{"v":1},"e":2}"""));

    [Fact]
    public async Task Null_InputPath_gives_an_empty_object() =>
        Sfn.JsonEqual("{}", await Sfn.Output(Sfn.Single("""{"Type":"Pass","InputPath":null,"End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task Null_OutputPath_gives_an_empty_object() =>
        Sfn.JsonEqual("{}", await Sfn.Output(Sfn.Single("""{"Type":"Pass","OutputPath":null,"End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task OutputPath_selects_part_of_the_output() =>
        Sfn.JsonEqual("2", await Sfn.Output(Sfn.Single("""{"Type":"Pass","OutputPath":"$.b","End":true}"""), """{"a":1,"b":2}"""));

    [Fact]
    public async Task Null_ResultPath_keeps_the_input() =>
        Sfn.JsonEqual("""{"a":1}""", await Sfn.Output(Sfn.Single("""{"Type":"Pass","Result":"x","ResultPath":null,"End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task Default_ResultPath_replaces_the_input_with_the_result() =>
        Sfn.JsonEqual("\"x\"", await Sfn.Output(Sfn.Single("""{"Type":"Pass","Result":"x","End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task ResultPath_inserts_the_result_and_creates_missing_objects() =>
        Sfn.JsonEqual("""{"a":1,"r":{"s":"x"}}""", await Sfn.Output(Sfn.Single("""{"Type":"Pass","Result":"x","ResultPath":"$.r.s","End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task ResultPath_overwrites_an_existing_field() =>
        Sfn.JsonEqual("""{"a":"x"}""", await Sfn.Output(Sfn.Single("""{"Type":"Pass","Result":"x","ResultPath":"$.a","End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task ResultPath_into_a_non_object_input_fails_with_ResultPathMatchFailure()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Pass","Result":"x","ResultPath":"$.a","End":true}"""), "5");
        Assert.Equal(StatesErrors.ResultPathMatchFailure, result.Error);
    }

    [Fact]
    public async Task Parameters_copy_static_values_and_evaluate_dollar_keys() =>
        Sfn.JsonEqual("""{"flagged":true,"parts":{"first":0,"last3":[30,40,50]}}""", await Sfn.Output(
            Sfn.Single("""{"Type":"Pass","Parameters":{"flagged":true,"parts":{"first.$":"$.vals[0]","last3.$":"$.vals[3:]"}},"End":true}"""),
            """{"flagged":7,"vals":[0,10,20,30,40,50]}"""));

    [Fact]
    public async Task Parameters_inside_arrays_are_evaluated() =>
        Sfn.JsonEqual("""{"l":[{"v":1},2]}""", await Sfn.Output(Sfn.Single("""{"Type":"Pass","Parameters":{"l":[{"v.$":"$.a"},2]},"End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task Parameters_path_that_matches_nothing_fails_with_States_Runtime_and_aws_wording()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Pass","Parameters":{"address.$":"$.application.address"},"End":true}"""), """{"flagged":false}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Equal("An error occurred while executing the state 'S' (entered at the event id #2). The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input '{\"flagged\":false}'", result.Cause);
    }

    [Fact]
    public async Task InputPath_that_matches_nothing_fails_with_States_Runtime_invalid_path()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Pass","InputPath":"$.nope","End":true}"""));
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.EndsWith("Invalid path '$.nope' : No results for path: $['nope']", result.Cause);
    }

    [Fact]
    public async Task Pass_Result_wins_over_Parameters() =>
        Sfn.JsonEqual("1", await Sfn.Output(Sfn.Single("""{"Type":"Pass","Parameters":{"a":2},"Result":1,"End":true}""")));

    [Fact]
    public async Task ResultSelector_shapes_the_task_result_before_ResultPath()
    {
        var resolver = Sfn.Resolver().MapState("S", _ => Json.Parse("""{"Payload":{"n":1},"StatusCode":200}""")).Build();
        var output = await Sfn.Output(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"ResultSelector":{"n.$":"$.Payload.n"},"ResultPath":"$.r","End":true}"""), """{"in":true}""", resolver);
        Sfn.JsonEqual("""{"in":true,"r":{"n":1}}""", output);
    }

    [Fact]
    public async Task Context_object_exposes_execution_state_and_state_machine()
    {
        var output = await Sfn.Output(Sfn.Single("""{"Type":"Pass","Parameters":{"input.$":"$$.Execution.Input","name.$":"$$.State.Name","sm.$":"$$.StateMachine.Name","id.$":"$$.Execution.Id"},"End":true}"""), """{"k":1}""");
        Assert.Equal(1, output!["input"]!["k"]!.GetValue<int>());
        Assert.Equal("S", output["name"]!.GetValue<string>());
        Assert.Equal("LocalStateMachine", output["sm"]!.GetValue<string>());
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:LocalStateMachine:", output["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Whole_context_object_is_available_with_double_dollar()
    {
        var output = await Sfn.Output(Sfn.Single("""{"Type":"Pass","Parameters":{"c.$":"$$"},"End":true}"""));
        Assert.NotNull(output!["c"]!["Execution"]!["StartTime"]);
        Assert.NotNull(output["c"]!["State"]!["EnteredTime"]);
    }

    [Fact]
    public async Task A_state_output_does_not_change_its_input_seen_by_a_parallel_sibling()
    {
        var definition = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":"$.x","End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}
        """;
        Sfn.JsonEqual("""[{"k":0,"x":1},{"k":0}]""", await Sfn.Output(definition, """{"k":0}"""));
    }

    [Fact]
    public async Task A_context_path_outside_a_waitForTaskToken_task_finds_no_token()
    {
        var result = await Sfn.Failure(Sfn.Single("""{"Type":"Pass","Parameters":{"t.$":"$$.Task.Token"},"End":true}"""));
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("context object", result.Cause, StringComparison.Ordinal);
    }
}
