using StepFunctions.Local.Definition;
using StepFunctions.Local.Templates;

namespace StepFunctions.Local.Tests;

/// <summary>Invalid definitions yield diagnostics (code, location, message), never exceptions.</summary>
public class ValidationTests
{
    private static Diagnostic Single(string definition, string code)
    {
        var result = LocalStateMachine.Validate(definition);
        Assert.False(result.IsValid);
        var match = result.Diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.True(match is not null, $"expected {code}, got: {string.Join("; ", result.Diagnostics)}");
        return match!;
    }

    [Fact]
    public void Malformed_json_is_INVALID_JSON_DESCRIPTION() => Single("{", DiagnosticCodes.InvalidJson);

    [Fact]
    public void Empty_text_is_MISSING_DESCRIPTION() => Single("  ", DiagnosticCodes.MissingDescription);

    [Fact]
    public void StartAt_must_name_a_state() =>
        Assert.Equal("/StartAt", Single("""{"StartAt":"X","States":{"A":{"Type":"Succeed"}}}""", DiagnosticCodes.MissingTransitionTarget).Location);

    [Fact]
    public void Next_must_name_a_state_in_the_same_scope() =>
        Assert.Equal("/States/A/Next", Single("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}""", DiagnosticCodes.MissingTransitionTarget).Location);

    [Fact]
    public void A_branch_cannot_jump_to_an_outer_state() =>
        Single("""{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Out","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Out"}}}]},"Out":{"Type":"Succeed"}}}""", DiagnosticCodes.MissingTransitionTarget);

    [Fact]
    public void Unreachable_states_are_reported() =>
        Assert.Equal("/States/B", Single("""{"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}""", DiagnosticCodes.UnreachableState).Location);

    [Fact]
    public void A_graph_needs_a_terminal_state() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}""", DiagnosticCodes.MissingEndState);

    [Fact]
    public void Next_and_End_together_are_rejected() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A","End":true}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Unknown_state_types_are_rejected() =>
        Assert.Contains("Task, Pass", Single("""{"StartAt":"A","States":{"A":{"Type":"Nope","End":true}}}""", DiagnosticCodes.SchemaValidationFailed).Message, StringComparison.Ordinal);

    [Fact]
    public void Fields_foreign_to_a_state_type_are_rejected() =>
        Assert.Equal("/States/A/ResultPath", Single("""{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1,"ResultPath":null,"End":true}}}""", DiagnosticCodes.SchemaValidationFailed).Location);

    [Fact]
    public void States_ALL_must_be_alone() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::x:y","Retry":[{"ErrorEquals":["States.ALL","X"]}],"End":true}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void States_ALL_must_be_in_the_last_retrier() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::x:y","Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],"End":true}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void BackoffRate_below_one_is_rejected() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::x:y","Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5}],"End":true}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Resource_must_be_an_arn() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${fn_arn}","End":true}}}""", DiagnosticCodes.InvalidResource);

    [Fact]
    public void HeartbeatSeconds_must_be_below_TimeoutSeconds() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::x:y","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Invalid_paths_are_reported_at_their_field() =>
        Assert.Equal("/States/A/InputPath", Single("""{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"nope","End":true}}}""", DiagnosticCodes.InvalidPath).Location);

    [Fact]
    public void ResultPath_must_be_a_reference_path() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}}""", DiagnosticCodes.InvalidPath);

    [Fact]
    public void Unknown_intrinsic_functions_are_reported() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"States.Nope(1)"},"End":true}}}""", DiagnosticCodes.InvalidPath);

    [Fact]
    public void A_choice_rule_needs_exactly_one_operator() =>
        Single("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","StringEquals":"x","NumericEquals":1,"Next":"E"}]},"E":{"Type":"Succeed"}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Nested_choice_rules_cannot_have_Next() =>
        Single("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.a","IsNull":true,"Next":"E"},"Next":"E"}]},"E":{"Type":"Succeed"}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Comparison_values_must_have_the_operator_type() =>
        Single("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","NumericEquals":"1","Next":"E"}]},"E":{"Type":"Succeed"}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Wait_needs_exactly_one_duration_field() =>
        Single("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Fail_cannot_have_both_Error_and_ErrorPath() =>
        Single("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"x","ErrorPath":"$.e"}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Map_needs_an_ItemProcessor() =>
        Single("""{"StartAt":"M","States":{"M":{"Type":"Map","End":true}}}""", DiagnosticCodes.SchemaValidationFailed);

    [Fact]
    public void Distributed_map_ItemReader_is_reported_as_unsupported() =>
        Single("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{},"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true}}}""", DiagnosticCodes.UnsupportedFeature);

    [Fact]
    public void JSONata_is_reported_as_unsupported() =>
        Single("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}""", DiagnosticCodes.UnsupportedFeature);

    [Fact]
    public void Workflow_variables_are_reported_as_unsupported() =>
        Single("""{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"End":true}}}""", DiagnosticCodes.UnsupportedFeature);

    [Fact]
    public void State_names_longer_than_80_characters_are_invalid()
    {
        var name = new string('n', 81);
        Single(Sfn.Fill("""{"StartAt":"{name}","States":{"{name}":{"Type":"Succeed"}}}""", ("name", name)), DiagnosticCodes.InvalidStateName);
    }

    [Fact]
    public void A_path_without_dollar_key_is_a_warning_not_an_error()
    {
        var result = LocalStateMachine.Validate("""{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x":"$.a"},"End":true}}}""");
        Assert.True(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.NoDollar && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Every_problem_is_listed_not_just_the_first() =>
        Assert.True(LocalStateMachine.Validate("""{"StartAt":"X","States":{"A":{"Type":"Pass"},"B":{"Type":"Bogus"}}}""").Diagnostics.Count >= 3);

    [Fact]
    public void Create_throws_an_exception_carrying_the_diagnostics() =>
        Assert.NotEmpty(Assert.Throws<InvalidDefinitionException>(() => LocalStateMachine.Create("{}")).Diagnostics);

    [Fact]
    public void Template_variables_render_like_templatefile() =>
        Assert.Equal("""{"R":"arn:x","L":"${lit}"}""", TemplateRenderer.Render("""{"R":"${fn}","L":"$${lit}"}""", new Dictionary<string, string> { ["fn"] = "arn:x" }));

    [Fact]
    public void Missing_template_variables_are_named() =>
        Assert.Contains("missing_one", Assert.Throws<FormatException>(() => TemplateRenderer.Render("${missing_one}", new Dictionary<string, string>())).Message, StringComparison.Ordinal);
}
