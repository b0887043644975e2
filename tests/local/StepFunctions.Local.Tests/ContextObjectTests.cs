using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Tests;

/// <summary>The context object (<c>$$</c>, <c>$states.context</c>): AWS's field set and order, as recorded from AWS
/// (a Pass state's <c>InputPath: "$$"</c>: Execution {Id, Input, StartTime, Name, RoleArn, RedriveCount},
/// StateMachine {Id, Name}, State {Name, EnteredTime}; RetryCount only on states that retry).</summary>
public class ContextObjectTests
{
    private static List<string> Keys(JsonNode? node) => [.. node!.AsObject().Select(p => p.Key)];

    [Fact]
    public async Task The_whole_context_object_of_a_Pass_state_has_AWS_fields_in_AWS_order()
    {
        var output = await Sfn.Output("""{"StartAt":"TestState","States":{"TestState":{"Type":"Pass","InputPath":"$$","End":true}}}""",
            """{"input-value":0}""");
        Assert.Equal(["Execution", "StateMachine", "State"], Keys(output));
        Assert.Equal(["Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"], Keys(output!["Execution"]));
        Assert.Equal(["Id", "Name"], Keys(output["StateMachine"]));
        Assert.Equal(["Name", "EnteredTime"], Keys(output["State"]));
        Sfn.JsonEqual("""{"input-value":0}""", output["Execution"]!["Input"]);
        Assert.Equal(0, output["Execution"]!["RedriveCount"]!.GetValue<int>());
        Assert.Equal("TestState", output["State"]!["Name"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", output["Execution"]!["StartTime"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", output["State"]!["EnteredTime"]!.GetValue<string>());
        Assert.EndsWith(":" + output["Execution"]!["Name"]!.GetValue<string>(), output["Execution"]!["Id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("arn:aws:iam::", output["Execution"]!["RoleArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(":stateMachine:", output["StateMachine"]!["Id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_overlay_replaces_the_fields_it_names_for_dollar_dollar_and_states_context()
    {
        var overlay = JsonNode.Parse("""{"Execution":{"Name":"run-1","Input":{"given":true}},"Custom":{"a":1}}""")!.AsObject();
        var machine = LocalStateMachine.Create("""
            {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"name.$":"$$.Execution.Name","input.$":"$$.Execution.Input",
              "custom.$":"$$.Custom.a","state.$":"$$.State.Name"},"Next":"J"},
             "J":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% [$states.input, $states.context.Execution.Name, $states.context.StateMachine.Name] %}","End":true}}}
            """, "ctx");
        var result = await machine.ExecuteAsync(JsonNode.Parse("""{"real":1}"""), new Execution.ExecutionOptions { TimeScale = 0, Context = overlay });

        Sfn.JsonEqual("""[{"name":"run-1","input":{"given":true},"custom":1,"state":"P"},"run-1","ctx"]""", result.Output);
    }

    [Fact]
    public async Task RetryCount_exists_on_a_Task_and_counts_its_retries()
    {
        var attempts = 0;
        var resolver = Sfn.Resolver().MapState("T", x =>
        {
            if (++attempts < 3)
            {
                throw new StatesException("Boom", "try again");
            }
            return x?.DeepClone();
        }).Build();
        var output = await Sfn.Output("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
              "Parameters":{"state.$":"$$.State"},"Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":1,"MaxAttempts":3}]}}}
            """, "{}", resolver);
        Assert.Equal(["Name", "EnteredTime", "RetryCount"], Keys(output!["state"]));
        Assert.Equal(2, output["state"]!["RetryCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_Pass_state_has_no_RetryCount()
    {
        var result = await Sfn.Failure("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"n.$":"$$.State.RetryCount"},"End":true}}}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task A_Map_iteration_sees_the_item_under_Map_and_JSONata_sees_the_same_object()
    {
        Sfn.JsonEqual("""[{"i":0,"v":"a","keys":["Execution","StateMachine","State","Map"]},{"i":1,"v":"b","keys":["Execution","StateMachine","State","Map"]}]""",
            await Sfn.Output("""
                {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":["a","b"],"End":true,
                  "ItemSelector":{"i":"{% $states.context.Map.Item.Index %}","v":"{% $states.context.Map.Item.Value %}","keys":"{% $keys($states.context) %}"},
                  "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
                """));
    }
}
