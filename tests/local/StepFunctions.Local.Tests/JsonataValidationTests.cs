using StepFunctions.Local.Definition;

namespace StepFunctions.Local.Tests;

/// <summary>Definition-time diagnostics for JSONata fields and variables, as ValidateStateMachineDefinition
/// reports them on AWS (messages and locations as recorded from AWS by another emulator's AWS-checked tests,
/// see the executor README).</summary>
public class JsonataValidationTests
{
    private static string PassWithOutput(string output) =>
        """{"QueryLanguage":"JSONata","StartAt":"E","States":{"E":{"Type":"Pass","Output":__OUTPUT__,"End":true}}}""".Replace("__OUTPUT__", output, StringComparison.Ordinal);

    private static string OutputExpression(string expression) =>
        PassWithOutput(System.Text.Json.JsonSerializer.Serialize("{% " + expression + " %}"));

    private static Diagnostic SingleError(string definition)
    {
        var result = LocalStateMachine.Validate(definition);
        Assert.False(result.IsValid);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1, string.Join("; ", errors));
        return errors[0];
    }

    private static void Accepted(string definition)
    {
        var result = LocalStateMachine.Validate(definition);
        Assert.True(result.IsValid, string.Join("; ", result.Diagnostics));
    }

    private static void TopLevelReference(string definition, string name, string location)
    {
        var d = SingleError(definition);
        Assert.Equal((DiagnosticCodes.UnsupportedJsonataExpression, $"Reference to '{name}' at the top level is not supported.", location),
            (d.Code, d.Message, d.Location));
    }

    [Theory]
    [InlineData("a[1,2)", "Expected \"]\", got \",\"")]
    [InlineData("\"unterminated", "String literal must be terminated by a matching quote")]
    [InlineData("1 +", "Unexpected end of expression")]
    [InlineData("{\"a\":}", "The symbol \"}\" cannot be used as a unary operator")]
    [InlineData("$x :=", "Unexpected end of expression")]
    [InlineData("$match(\"a\", /abc", "No terminating / in regular expression")]
    [InlineData("phone %.other", "The symbol \".\" cannot be used as a unary operator")]
    [InlineData("", "Unexpected end of expression")]
    public void An_expression_that_does_not_parse_is_INVALID_JSONATA_EXPRESSION_with_the_parser_message(string expression, string message)
    {
        var d = SingleError(OutputExpression(expression));
        Assert.Equal((DiagnosticCodes.InvalidJsonataExpression, message, "/States/E/Output"), (d.Code, d.Message, d.Location));
    }

    [Fact]
    public void A_parse_error_names_the_state_the_field_and_the_position()
    {
        var d = SingleError(PassWithOutput("""{"a":{"b":["x","{% $states.input.( %}"]}}"""));
        Assert.Equal("/States/E/Output/a/b[1]", d.Location);
        Assert.Equal("$states.input.(".Length, d.Position);
        Assert.Contains("at /States/E/Output/a/b[1] (position 15 in the expression)", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_top_level_name_is_refused_where_it_is_written()
    {
        TopLevelReference(PassWithOutput("""{"v":"{% phone %}"}"""), "phone", "/States/E/Output/v");
        TopLevelReference(PassWithOutput("""{"a":{"b":["{% phone %}"]}}"""), "phone", "/States/E/Output/a/b[0]");
        TopLevelReference(PassWithOutput("""{"v":"{% $.phone %}"}"""), "$", "/States/E/Output/v");
    }

    [Fact]
    public void Every_field_that_holds_expressions_is_checked_with_AWS_locations()
    {
        TopLevelReference("""{"QueryLanguage":"JSONata","StartAt":"E","States":{"E":{"Type":"Pass","Assign":{"v":"{% phone %}"},"End":true}}}""",
            "phone", "/States/E/Assign/v");
        TopLevelReference("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":"{% phone = 1 %}","Next":"E"}],"Default":"E"},
              "E":{"Type":"Pass","End":true}}}
            """, "phone", "/States/C/Choices[0]/Condition");
        TopLevelReference("""{"QueryLanguage":"JSONata","StartAt":"E","States":{"E":{"Type":"Wait","Seconds":"{% phone %}","End":true}}}""",
            "phone", "/States/E/Seconds");
        TopLevelReference("""{"QueryLanguage":"JSONata","StartAt":"E","States":{"E":{"Type":"Fail","Cause":"{% phone %}"}}}""",
            "phone", "/States/E/Cause");
        TopLevelReference("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{
              "M":{"Type":"Map","Items":"{% $states.input.a %}","ItemProcessor":{
                    "StartAt":"I","States":{"I":{"Type":"Pass","Output":{"v":"{% phone %}"},"End":true}}},"End":true}}}
            """, "phone", "/States/M/ItemProcessor/States/I/Output/v");
        TopLevelReference("""
            {"QueryLanguage":"JSONata","StartAt":"P","States":{
              "P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{
                    "B":{"Type":"Pass","Output":{"v":"{% phone %}"},"End":true}}}],"End":true}}}
            """, "phone", "/States/P/Branches[0]/States/B/Output/v");
        TopLevelReference("""
            {"QueryLanguage":"JSONata","StartAt":"E","States":{
              "E":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f"},
                   "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"Retry":"{% phone %}"},"Next":"D"}],"End":true},
              "D":{"Type":"Pass","End":true}}}
            """, "phone", "/States/E/Catch[0]/Assign/Retry");
        TopLevelReference("""
            {"QueryLanguage":"JSONata","StartAt":"E","States":{
              "E":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{},
                   "Catch":[{"ErrorEquals":["States.ALL"],"Output":{"v":"{% phone %}"},"Next":"F"}],"End":true},
              "F":{"Type":"Pass","End":true}}}
            """, "phone", "/States/E/Catch[0]/Output/v");
    }

    [Fact]
    public void Each_distinct_name_gets_its_own_diagnostic()
    {
        var errors = LocalStateMachine.Validate(PassWithOutput("""{"v":"{% aaa + bbb + aaa %}"}""")).Diagnostics;
        Assert.Equal(["Reference to 'aaa' at the top level is not supported.", "Reference to 'bbb' at the top level is not supported."],
            errors.Select(d => d.Message));
    }

    [Fact]
    public void Names_reached_through_states_a_predicate_a_variable_or_a_lambda_parameter_are_accepted()
    {
        Accepted(PassWithOutput("""{"v":"{% $states.input.phone %}"}"""));
        Accepted(PassWithOutput("""{"v":"{% $states.input.items[phone > 3] %}"}"""));
        Accepted(PassWithOutput("""{"v":"{% $map($states.input.a, function($x){ $x.phone }) %}"}"""));
        Accepted(PassWithOutput("""{"v":"{% $phone %}"}"""));
    }

    [Fact]
    public void A_lambda_body_keeps_the_top_level_context() =>
        TopLevelReference(PassWithOutput("""{"v":"{% $map($states.input.a, function($x){ b }) %}"}"""), "b", "/States/E/Output/v");

    [Fact]
    public void An_earlier_Assign_does_not_make_a_bare_name_legal() =>
        TopLevelReference("""
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"phone":"{% 1 %}"},"Next":"E"},
              "E":{"Type":"Pass","Output":{"v":"{% phone %}"},"End":true}}}
            """, "phone", "/States/E/Output/v");

    [Fact]
    public void Root_reference_is_refused()
    {
        var d = SingleError(OutputExpression("$$"));
        Assert.Equal((DiagnosticCodes.UnsupportedJsonataExpression, "Reference to '$$' is not supported.", "/States/E/Output"), (d.Code, d.Message, d.Location));
    }

    [Fact]
    public void ErrorOutput_exists_only_in_a_Catcher()
    {
        var d = SingleError(OutputExpression("$states.errorOutput"));
        Assert.Equal((DiagnosticCodes.UnsupportedJsonataExpression, "Field '$states.errorOutput' does not exist.", "/States/E/Output"), (d.Code, d.Message, d.Location));
        foreach (var field in new[] { "\"Output\":\"{% $states.errorOutput %}\"", "\"Assign\":{\"lastError\":\"{% $states.errorOutput.Cause %}\"}" })
        {
            Accepted(Sfn.Fill("""
                {"QueryLanguage":"JSONata","StartAt":"Main","States":{
                  "Main":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Handled",
                          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handled",{field}}]},
                  "Handled":{"Type":"Pass","End":true}}}
                """, ("field", field)));
        }
    }

    [Fact]
    public void Fields_AWS_does_not_parse_keep_expressions_as_text()
    {
        Accepted("""{"QueryLanguage":"JSONata","StartAt":"E","States":{"E":{"Type":"Pass","Comment":"{% phone %}","End":true}}}""");
        Accepted("""
            {"QueryLanguage":"JSONata","StartAt":"E","States":{
              "E":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{},"Retry":[{"ErrorEquals":["{% phone %}"]}],"End":true}}}
            """);
        Accepted("""{"StartAt":"E","States":{"E":{"Type":"Pass","Parameters":{"v":"{% phone %}"},"End":true}}}""");
    }

    [Fact]
    public void JSONPath_only_fields_in_a_JSONata_state_are_named_by_field_at_the_state()
    {
        var result = LocalStateMachine.Validate("""
            {"QueryLanguage":"JSONata","StartAt":"X","States":{"X":{"Type":"Pass","End":true,"InputPath":"$.a","OutputPath":"$.b","ResultPath":"$.c"}}}
            """);
        Assert.Equal(
            ["InputPath", "OutputPath", "ResultPath"],
            result.Diagnostics.Where(d => d.Location == "/States/X").Select(d => d.Message.Split('\'')[3]));
        Assert.All(result.Diagnostics, d => Assert.StartsWith("The QueryLanguage is set to 'JSONata', but field '", d.Message, StringComparison.Ordinal));
        var mirror = SingleError("""{"StartAt":"X","States":{"X":{"Type":"Pass","End":true,"Output":{}}}}""");
        Assert.Equal(("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/X"),
            (mirror.Message, mirror.Location));
    }

    [Theory]
    [InlineData("states")]
    [InlineData("1x")]
    [InlineData("a-b")]
    [InlineData("_x")]
    [InlineData("a b")]
    [InlineData("")]
    public void Variable_names_follow_Unicode_identifier_rules(string name)
    {
        var d = SingleError(Sfn.Fill("""{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"{name}":1},"End":true}}}""", ("name", name)));
        Assert.Equal((DiagnosticCodes.InvalidVariableName, $"/States/A/Assign/{name}"), (d.Code, d.Location));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("x_1")]
    [InlineData("größe")]
    [InlineData("日付")]
    public void Unicode_letters_digits_and_underscores_make_valid_names(string name) =>
        Accepted(Sfn.Fill("""{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"{name}":1},"End":true}}}""", ("name", name)));

    [Fact]
    public void A_variable_name_is_at_most_80_characters()
    {
        Accepted(Sfn.Fill("""{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"{name}":1},"End":true}}}""", ("name", new string('v', 80))));
        SingleError(Sfn.Fill("""{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"{name}":1},"End":true}}}""", ("name", new string('v', 81))));
    }

    [Fact]
    public void A_Choice_rule_Assign_name_is_located_at_its_rule() =>
        Assert.Equal("/States/C/Choices[0]/Assign/1x", SingleError("""
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Condition":"{% true %}","Assign":{"1x":1},"Next":"E"}],"Default":"E"},
              "E":{"Type":"Pass","End":true}}}
            """).Location);
}
