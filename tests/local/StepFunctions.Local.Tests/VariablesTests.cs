using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Tests;

/// <summary>Workflow variables: Assign in both query languages, scopes of Map and Parallel, history details.</summary>
public class VariablesTests
{
    [Fact]
    public async Task Assigned_values_are_visible_to_later_states_in_JSONata() =>
        Sfn.JsonEqual("""{"total":3,"name":"x"}""", await Sfn.Output("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"total":"{% $states.input.a + $states.input.b %}","name":"x"},"Next":"B"},
              "B":{"Type":"Pass","Output":{"total":"{% $total %}","name":"{% $name %}"},"End":true}}}
            """, """{"a":1,"b":2}"""));

    [Fact]
    public async Task All_values_of_one_Assign_and_the_Output_see_the_values_from_before_the_state() =>
        Sfn.JsonEqual("""{"x":2,"y":1,"out":1}""", await Sfn.Output("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"x":"{% $x + 1 %}","y":"{% $x %}"},"Output":{"out":"{% $x %}"},"Next":"C"},
              "C":{"Type":"Pass","Output":{"x":"{% $x %}","y":"{% $y %}","out":"{% $states.input.out %}"},"End":true}}}
            """));

    [Fact]
    public async Task JSONPath_states_assign_with_paths_and_read_variables_with_dollar_names() =>
        Sfn.JsonEqual("""{"copy":{"n":7},"n":7}""", await Sfn.Output("""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"saved.$":"$","literal":"x"},"Next":"B"},
              "B":{"Type":"Pass","Parameters":{"copy.$":"$saved","n.$":"$saved.n"},"End":true}}}
            """, """{"n":7}"""));

    [Fact]
    public async Task A_Task_assigns_from_its_result_and_a_Catcher_from_the_error()
    {
        var resolver = Sfn.Resolver().MapState("T", _ => new JsonObject { ["id"] = 5 }).MapState("Bad", _ => throw new StatesException("Boom", "c")).Build();
        Sfn.JsonEqual("""{"id":5,"err":"Boom"}""", await Sfn.Output("""
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Assign":{"id":"{% $states.result.id %}"},"Next":"Bad"},
              "Bad":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                     "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err":"{% $states.errorOutput.Error %}"},"Next":"Done"}]},
              "Done":{"Type":"Pass","Output":{"id":"{% $id %}","err":"{% $err %}"},"End":true}}}
            """, "{}", resolver));
    }

    [Fact]
    public async Task Map_iterations_read_outer_variables_and_do_not_leak_their_own() =>
        Sfn.JsonEqual("""{"results":[11,12],"outer":"kept"}""", await Sfn.Output("""
            {"QueryLanguage":"JSONata","StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"base":10,"outer":"kept"},"Next":"M"},
              "M":{"Type":"Map","Items":[1,2],"Assign":{"results":"{% $states.result %}"},"Next":"After",
                   "ItemProcessor":{"StartAt":"Add","States":{
                     "Add":{"Type":"Pass","Assign":{"outer":"changed inside"},"Output":"{% $base + $states.input %}","End":true}}}},
              "After":{"Type":"Pass","Output":{"results":"{% $results %}","outer":"{% $outer %}"},"End":true}}}
            """));

    [Fact]
    public async Task Parallel_branches_do_not_see_each_others_variables()
    {
        var result = await Sfn.Failure("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"mine":1},"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":0,"Next":"B2"},"B2":{"Type":"Pass","Output":"{% $mine %}","End":true}}}]}}}
            """);
        Assert.Equal(StatesErrors.QueryEvaluationError, result.Error);
    }

    [Fact]
    public async Task History_records_assigned_variables_as_JSON_text()
    {
        var result = await Sfn.Run("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":{"k":[1]},"s":"t"},"End":true}}}
            """);
        var exited = Assert.Single(result.History, e => e.Type == "PassStateExited").Details!;
        Assert.Equal("{\"k\":[1]}", exited["assignedVariables"]!["x"]!.GetValue<string>());
        Assert.Equal("\"t\"", exited["assignedVariables"]!["s"]!.GetValue<string>());
        Assert.False(exited["assignedVariablesDetails"]!["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Assigning_more_than_256_KiB_fails_with_DataLimitExceeded()
    {
        var result = await Sfn.Failure("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"big":"{% $pad('', 300000, 'x') %}"},"End":true}}}
            """);
        Assert.Equal(StatesErrors.DataLimitExceeded, result.Error);
    }
}
