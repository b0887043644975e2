using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.InputOutput;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Tests.InputOutput;

/// <summary>JSONPath's processing steps, each recording what TestState reports.</summary>
public sealed class JsonPathIoTests
{
    private readonly List<(InspectionStage Stage, string Data)> steps = [];

    private void Record(InspectionStage stage, JsonNode? data) => steps.Add((stage, Json.Serialize(data)));

    [Fact]
    public void Input_and_arguments_apply_InputPath_then_Parameters()
    {
        var io = new JsonPathIo { InputPath = PathField.Of(JsonPath.Parse("$.in")), Parameters = States.Payload("""{"p.$":"$.n"}""") };
        var input = States.Node("""{"in":{"n":1}}""");
        var effective = io.ReadInput(input, States.Context(), Record);
        var arguments = io.BuildArguments(input, effective, States.Context(), Record);
        Sfn.JsonEqual("""{"p":1}""", arguments);
        Assert.Equal([(InspectionStage.AfterInputPath, """{"n":1}"""), (InspectionStage.AfterParameters, """{"p":1}""")], steps);
    }

    [Fact]
    public void Without_Parameters_the_arguments_are_the_effective_input()
    {
        var effective = States.Node("""{"n":1}""");
        Assert.Same(effective, new JsonPathIo().BuildArguments(null, effective, States.Context(), null));
    }

    [Fact]
    public void A_result_goes_through_ResultSelector_ResultPath_and_OutputPath_and_Assign_reads_the_selection()
    {
        var io = new JsonPathIo
        {
            ResultSelector = States.Payload("""{"n.$":"$.Payload.n"}"""),
            ResultPath = ResultPathField.Of(JsonPath.Parse("$.out")),
            OutputPath = PathField.Of(JsonPath.Parse("$.out")),
            Assign = States.Payload("""{"seen.$":"$.n"}"""),
        };
        var (output, assigned) = io.ConcludeResult(States.Node("""{"in":1}"""), States.Node("""{"Payload":{"n":2}}"""), States.Context(), Record);
        Sfn.JsonEqual("""{"n":2}""", output);
        Sfn.JsonEqual("""{"seen":2}""", assigned);
        Assert.Equal([
            (InspectionStage.Result, """{"Payload":{"n":2}}"""), (InspectionStage.AfterResultSelector, """{"n":2}"""),
            (InspectionStage.AfterResultPath, """{"in":1,"out":{"n":2}}"""),
        ], steps);
    }

    [Fact]
    public void A_state_without_a_result_passes_its_value_through_OutputPath()
    {
        var io = new JsonPathIo { OutputPath = PathField.Of(JsonPath.Parse("$.a")) };
        var (output, assigned) = io.Conclude(States.Node("""{"a":1,"b":2}"""), States.Node("""{"a":1,"b":2}"""), States.Context(), null);
        Sfn.JsonEqual("1", output);
        Assert.Null(assigned);
    }

    [Fact]
    public void A_catcher_places_the_error_output_at_its_ResultPath()
    {
        var io = new JsonPathIo { ResultPath = ResultPathField.Of(JsonPath.Parse("$.error")), Assign = States.Payload("""{"why.$":"$.Cause"}""") };
        var (output, assigned) = io.Caught(States.Node("""{"a":1}"""), new JsonObject { ["Error"] = "E", ["Cause"] = "c" }, States.Context());
        Sfn.JsonEqual("""{"a":1,"error":{"Error":"E","Cause":"c"}}""", output);
        Sfn.JsonEqual("""{"why":"c"}""", assigned);
    }
}
