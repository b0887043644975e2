using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>QueryLanguage JSONata: Arguments, Output, $states, Condition, Items, expression fields, AWS's
/// functions, and QueryEvaluationError with AWS's cause and the EvaluationFailed event.</summary>
public class JsonataTests
{
    private static string Machine(string states, string startAt = "S") =>
        "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"" + startAt + "\",\"States\":{" + states + "}}";

    [Fact]
    public async Task Output_expressions_read_states_input_at_any_depth_and_other_strings_stay_literal() =>
        Sfn.JsonEqual("""{"sum":3,"nested":{"list":[1,"x",2]},"literal":"$states.input.a"}""",
            await Sfn.Output(Machine("""
                "S":{"Type":"Pass","End":true,"Output":{"sum":"{% $states.input.a + $states.input.b %}",
                  "nested":{"list":["{% $states.input.a %}","x","{% $states.input.b %}"]},"literal":"$states.input.a"}}
                """), """{"a":1,"b":2}"""));

    [Fact]
    public async Task The_parent_operator_reaches_the_value_a_step_was_applied_to() =>
        Sfn.JsonEqual("""[{"sku":"a1","order":"o1"},{"sku":"b1","order":"o2"},{"sku":"b2","order":"o2"}]""",
            await Sfn.Output(Machine("""
                "S":{"Type":"Pass","End":true,"Output":"{% $states.input.orders.items.{'sku': sku, 'order': %.id} %}"}
                """), """{"orders":[{"id":"o1","items":[{"sku":"a1"}]},{"id":"o2","items":[{"sku":"b1"},{"sku":"b2"}]}]}"""));

    [Fact]
    public async Task A_state_without_Output_passes_its_input_and_a_task_its_result()
    {
        var resolver = Sfn.Resolver().MapState("T", x => new JsonObject { ["got"] = x?.DeepClone() }).Build();
        Sfn.JsonEqual("""{"got":{"n":2}}""", await Sfn.Output(Machine("""
            "P":{"Type":"Pass","Next":"T"},
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"n":"{% $states.input.n * 2 %}"},"End":true}
            """, "P"), """{"n":1}""", resolver));
    }

    [Fact]
    public async Task Task_Output_sees_states_result_and_context()
    {
        var resolver = Sfn.Resolver().MapState("T", _ => JsonValue.Create(41)).Build();
        Sfn.JsonEqual("""{"answer":42,"state":"T"}""", await Sfn.Output(Machine("""
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
                 "Output":{"answer":"{% $states.result + 1 %}","state":"{% $states.context.State.Name %}"}}
            """, "T"), "{}", resolver));
    }

    [Fact]
    public async Task Choice_Condition_picks_the_first_true_rule_and_its_Output()
    {
        var definition = Machine("""
            "C":{"Type":"Choice","Choices":[
                {"Condition":"{% $states.input.n > 10 %}","Next":"Big","Output":{"size":"big"}},
                {"Condition":"{% $states.input.n > 0 %}","Next":"Small"}],
              "Default":"Zero"},
            "Big":{"Type":"Succeed"},
            "Small":{"Type":"Pass","Output":{"size":"small","n":"{% $states.input.n %}"},"End":true},
            "Zero":{"Type":"Pass","Output":"zero","End":true}
            """, "C");
        Sfn.JsonEqual("""{"size":"big"}""", await Sfn.Output(definition, """{"n":11}"""));
        Sfn.JsonEqual("""{"size":"small","n":3}""", await Sfn.Output(definition, """{"n":3}"""));
        Sfn.JsonEqual("\"zero\"", await Sfn.Output(definition, """{"n":0}"""));
    }

    [Fact]
    public async Task Map_Items_and_ItemSelector_are_expressions_with_the_item_in_the_context() =>
        Sfn.JsonEqual("""[{"i":0,"v":10},{"i":1,"v":20}]""", await Sfn.Output(Machine("""
            "M":{"Type":"Map","Items":"{% $states.input.values %}","End":true,
                 "ItemSelector":{"i":"{% $states.context.Map.Item.Index %}","v":"{% $states.context.Map.Item.Value * 10 %}"},
                 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}
            """, "M"), """{"values":[1,2]}"""));

    [Fact]
    public async Task Parallel_Arguments_feed_every_branch() =>
        Sfn.JsonEqual("""[{"x":5},{"x":5}]""", await Sfn.Output(Machine("""
            "Par":{"Type":"Parallel","Arguments":{"x":"{% $states.input.a %}"},"End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}
            """, "Par"), """{"a":5}"""));

    [Fact]
    public async Task Fail_Error_and_Cause_accept_expressions()
    {
        var result = await Sfn.Failure(Machine("""
            "F":{"Type":"Fail","Error":"{% 'E' & $states.input.code %}","Cause":"{% 'bad ' & $states.input.what %}"}
            """, "F"), """{"code":"42","what":"thing"}""");
        Assert.Equal(("E42", "bad thing"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Wait_Seconds_accepts_an_expression() =>
        Sfn.JsonEqual("{}", await Sfn.Output(Machine("""
            "W":{"Type":"Wait","Seconds":"{% $states.input.delay %}","Output":{},"End":true}
            """, "W"), """{"delay":3}"""));

    [Fact]
    public async Task An_undefined_result_fails_with_AWS_cause_and_an_EvaluationFailed_event()
    {
        var result = await Sfn.Failure(Machine("""
            "S":{"Type":"Pass","Output":{"v":"{% $states.input.absent %}"},"End":true}
            """));
        Assert.Equal(StatesErrors.QueryEvaluationError, result.Error);
        Assert.Equal("An error occurred while executing the state 'S' (entered at the event id #2). The JSONata expression "
            + "'$states.input.absent' specified for the field 'Output/v' returned nothing (undefined).", result.Cause);
        var failed = Assert.Single(result.History, e => e.Type == "EvaluationFailed");
        Assert.Equal("Output/v", failed.Details!["location"]!.GetValue<string>());
        Assert.Equal("S", failed.Details!["state"]!.GetValue<string>());
    }

    // Recorded from AWS: LocalStack's tests/aws/services/stepfunctions/v2/assign/test_assign_reference_variables.snapshot.json,
    // test_undefined_reference[BASE_UNDEFINED_OUTPUT], [..._OUTPUT_FIELD], [..._ASSIGN], [..._ARGUMENTS], [..._ARGUMENTS_FIELD].
    [Theory]
    [InlineData("""{"Type":"Pass","Output":"{% $doesNotExist %}","End":true}""", "Output")]
    [InlineData("""{"Type":"Pass","Output":{"result":"{% $doesNotExist %}"},"End":true}""", "Output/result")]
    [InlineData("""{"Type":"Pass","Assign":{"result":"{% $doesNotExist %}"},"End":true}""", "Assign/result")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":"{% $doesNotExist %}","End":true}""", "Arguments")]
    [InlineData("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"{% $doesNotExist %}"},"End":true}""", "Arguments/FunctionName")]
    public async Task An_undefined_variable_fails_the_field_as_AWS_records_it(string state, string location)
    {
        var result = await Sfn.Failure(Machine("\"State0\":" + state, "State0"), "{}", Sfn.Resolver().MapState("State0", _ => null).Build());
        var cause = "An error occurred while executing the state 'State0' (entered at the event id #2). "
            + $"The JSONata expression '$doesNotExist' specified for the field '{location}' returned nothing (undefined).";
        Assert.Equal((StatesErrors.QueryEvaluationError, cause), (result.Error, result.Cause));
        var failed = Assert.Single(result.History, e => e.Type == "EvaluationFailed");
        Sfn.JsonEqual($$"""{"error":"States.QueryEvaluationError","cause":{{Json.Serialize(JsonValue.Create(cause))}},"location":"{{location}}","state":"State0"}""",
            failed.Details);
    }

    // AWS's causes, measured with TestState in us-east-1 and published in floci's issues: #2737 (`$eval`, the memory
    // and stack bounds, for the field 'Output/r'), #2668 (T0412 naming "sum"). An execution puts its prefix in front.
    [Theory]
    [InlineData("$eval(\"1+1\")", ". T1006: Attempted to invoke a non-function")]
    [InlineData("$sum(\"a\")", ". T0412: Argument 1 of function \"sum\" must be an array of \"numbers\"")]
    [InlineData("$range(1, 1000000, 1)", ": Expression evaluation memory limit exceeded: Check for excessive memory usage")]
    [InlineData("[1..873783] ~> $count()", ": Expression evaluation memory limit exceeded: Check for excessive memory usage")]
    [InlineData("$sum([1..900000])", ": Expression evaluation memory limit exceeded: Check for excessive memory usage")]
    [InlineData(null, ": Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.")]
    public async Task A_failing_expression_ends_the_cause_as_AWS_does(string? expression, string ending)
    {
        expression ??= string.Join("+", Enumerable.Repeat("1", 200));
        var state = new JsonObject { ["Type"] = "Pass", ["Output"] = new JsonObject { ["r"] = "{% " + expression + " %}" }, ["End"] = true };
        var result = await Sfn.Failure(Machine("\"S\":" + Json.Serialize(state)));
        Assert.Equal((StatesErrors.QueryEvaluationError, "An error occurred while executing the state 'S' (entered at the event id #2). "
            + $"The JSONata expression '{expression}' specified for the field 'Output/r' threw an error during evaluation{ending}"),
            (result.Error, result.Cause));
    }

    // AWS's depth bound counts nested evaluations as jsonata's timebox does (a 200-term sum overflows on AWS, floci
    // issue #2737); the boundaries are the reference's under that count: 100 terms, or 31 non-tail calls, still evaluate.
    [Fact]
    public async Task The_longest_sequence_AWS_builds_evaluates() =>
        Sfn.JsonEqual("873782", await Sfn.Output(Machine("""
            "S":{"Type":"Pass","Output":"{% [1..873782] ~> $count() %}","End":true}
            """)));

    [Theory]
    [InlineData(100, null, true)]
    [InlineData(101, null, false)]
    [InlineData(null, 31, true)]
    [InlineData(null, 32, false)]
    public async Task More_than_100_nested_evaluations_overflow(int? terms, int? calls, bool evaluates)
    {
        var expression = terms is { } n ? string.Join("+", Enumerable.Repeat("1", n))
            : $"($f := function($n){{ $n = 0 ? 0 : 1 + $f($n - 1) }}; $f({calls}))";
        var result = await Sfn.Run(Machine("\"S\":" + Json.Serialize(new JsonObject
        {
            ["Type"] = "Pass", ["Output"] = "{% " + expression + " %}", ["End"] = true,
        })));
        Assert.Equal(evaluates ? ExecutionStatus.Succeeded : ExecutionStatus.Failed, result.Status);
        if (!evaluates)
        {
            Assert.EndsWith("threw an error during evaluation: Stack overflow error: Check for non-terminating recursive function. "
                + "Consider rewriting as tail-recursive.", result.Cause);
        }
    }

    [Fact]
    public async Task A_null_result_is_a_value()
    {
        Sfn.JsonEqual("""{"v":null}""", await Sfn.Output(Machine("""
            "S":{"Type":"Pass","Output":{"v":"{% $states.input.bar %}"},"End":true}
            """), """{"bar":null}"""));
    }

    [Fact]
    public async Task QueryEvaluationError_can_be_caught_and_the_catcher_sees_errorOutput()
    {
        var resolver = Sfn.Resolver().MapState("T", _ => new JsonObject()).Build();
        var output = await Sfn.Output(Machine("""
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"x":"{% $states.input.missing %}"},"End":true,
                 "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Handled",
                           "Output":{"error":"{% $states.errorOutput.Error %}"}}]},
            "Handled":{"Type":"Succeed"}
            """, "T"), "{}", resolver);
        Sfn.JsonEqual("""{"error":"States.QueryEvaluationError"}""", output);
    }

    [Fact]
    public async Task Eval_is_not_available_and_parse_replaces_it()
    {
        var failed = await Sfn.Failure(Machine("""
            "S":{"Type":"Pass","Output":"{% $eval('1+1') %}","End":true}
            """));
        Assert.Equal(StatesErrors.QueryEvaluationError, failed.Error);
        Sfn.JsonEqual("""{"a":[1,2]}""", await Sfn.Output(Machine("""
            "S":{"Type":"Pass","Output":"{% $parse($states.input.text) %}","End":true}
            """), """{"text":"{\"a\":[1,2]}"}"""));
    }

    [Theory]
    [InlineData("$partition([1,2,3,4,5], 2)", "[[1,2],[3,4],[5]]")]
    [InlineData("$range(0, 10, 5)", "[0,5,10]")]
    [InlineData("$range(1, 1, 1)", "1")]
    [InlineData("$hash('hello', 'SHA-256')", "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"")]
    [InlineData("$hash('hello', 'MD5')", "\"5d41402abc4b2a76b9719d911017c592\"")]
    [InlineData("$random(7) = $random(7)", "true")]
    [InlineData("$random() >= 0 and $random() < 1", "true")]
    [InlineData("$length($uuid()) = 36", "true")]
    public async Task AWS_functions_behave_as_documented(string expression, string expected) =>
        Sfn.JsonEqual(expected, await Sfn.Output(Machine($$"""
            "S":{"Type":"Pass","Output":"{% {{expression}} %}","End":true}
            """)));

    [Fact]
    public void Invalid_expressions_and_fields_of_the_other_language_are_diagnosed()
    {
        var parsed = LocalStateMachine.Validate(Machine("""
            "S":{"Type":"Pass","Output":"{% $states.input.( %}","InputPath":"$.a","End":true}
            """));
        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Diagnostics, d => d.Code == "INVALID_JSONATA_EXPRESSION" && d.Location == "/States/S/Output");
        Assert.Contains(parsed.Diagnostics, d => d.Message == "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage");
    }

    [Fact]
    public void A_JSONata_machine_cannot_take_a_JSONPath_state_but_a_JSONPath_machine_can_take_JSONata_states()
    {
        var down = LocalStateMachine.Validate(Machine("""
            "S":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}
            """));
        Assert.Contains(down.Diagnostics, d => d.Message == "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
        var up = LocalStateMachine.Validate("""
            {"StartAt":"S","States":{"S":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1 %}","End":true}}}
            """);
        Assert.True(up.IsValid, string.Join("; ", up.Diagnostics));
    }

    [Fact]
    public async Task States_inside_a_Map_take_the_machine_language_not_the_Map_one() =>
        Sfn.JsonEqual("[{\"a\":1}]", await Sfn.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","Items":"{% [$states.input] %}","End":true,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$","End":true}}}}}}
            """, """{"a":1}"""));

    [Fact]
    public async Task Deep_recursion_fails_with_QueryEvaluationError_not_a_crash()
    {
        var result = await Sfn.Failure(Machine("""
            "S":{"Type":"Pass","Output":"{% ($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000)) %}","End":true}
            """));
        Assert.Equal(StatesErrors.QueryEvaluationError, result.Error);
    }
}
