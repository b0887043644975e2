using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.InputOutput;

namespace StepFunctions.Local.Tests.InputOutput;

/// <summary>JSONata's processing: Arguments, then Output and Assign against one <c>$states</c>.</summary>
public sealed class JsonataIoTests
{
    private readonly List<InspectionStage> steps = [];

    private void Record(InspectionStage stage, JsonNode? data) => steps.Add(stage);

    [Fact]
    public void The_input_is_read_as_it_is_and_Arguments_evaluate_against_it_reported_as_afterArguments()
    {
        var io = new JsonataIo { Arguments = States.Query("""{"twice":"{% $states.input.n * 2 %}"}""", "Arguments") };
        var input = States.Node("""{"n":2}""");
        Assert.Same(input, io.ReadInput(input, States.Context(), Record));
        Sfn.JsonEqual("""{"twice":4}""", io.BuildArguments(input, input, States.Context(), Record));
        Assert.Same(input, new JsonataIo().BuildArguments(input, input, States.Context(), Record));
        Assert.Equal([InspectionStage.AfterArguments, InspectionStage.AfterArguments], steps); // TestState's afterArguments, with Arguments or without
    }

    [Fact]
    public void Without_Output_a_state_outputs_its_result_or_else_its_input()
    {
        var input = States.Node("""{"n":1}""");
        Sfn.JsonEqual("""{"r":2}""", new JsonataIo().ConcludeResult(input, States.Node("""{"r":2}"""), States.Context(), Record).Output);
        Sfn.JsonEqual("""{"n":1}""", new JsonataIo().Conclude(input, null, States.Context(), Record).Output);
        Assert.Equal([InspectionStage.Result], steps);
    }

    [Fact]
    public void Output_and_Assign_see_the_result_and_the_variables_as_on_entry()
    {
        var variables = new VariableScope();
        variables.Assign(new JsonObject { ["total"] = 10 });
        var io = new JsonataIo
        {
            Output = States.Query("""{"sum":"{% $total + $states.result.n %}"}""", "Output"),
            Assign = States.Query("""{"total":"{% $total + 1 %}","before":"{% $total %}"}""", "Assign"),
        };
        var (output, assigned) = io.ConcludeResult(States.Node("{}"), States.Node("""{"n":5}"""), States.Context(variables), null);
        Sfn.JsonEqual("""{"sum":15}""", output);
        Sfn.JsonEqual("""{"total":11,"before":10}""", assigned);
    }

    [Fact]
    public void A_catcher_outputs_the_error_output_unless_its_Output_says_otherwise()
    {
        var error = new JsonObject { ["Error"] = "E", ["Cause"] = "c" };
        Sfn.JsonEqual("""{"Error":"E","Cause":"c"}""", new JsonataIo().Caught(States.Node("{}"), error, States.Context()).Output);
        var io = new JsonataIo { Output = States.Query("\"{% $states.errorOutput.Error %}\"", "Catch[0]/Output", inCatch: true) };
        Sfn.JsonEqual("\"E\"", io.Caught(States.Node("{}"), error, States.Context()).Output);
    }
}
