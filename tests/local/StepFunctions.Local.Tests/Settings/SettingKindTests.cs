using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Queries;
using StepFunctions.Local.Settings;

namespace StepFunctions.Local.Tests.Settings;

/// <summary>Each kind's range and wording, once for every form: a literal is checked when the definition is
/// read (our wording), a path's value with AWS's States.Runtime causes, an expression's result with
/// States.QueryEvaluationError naming the field.</summary>
public sealed class SettingKindTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("99999999", true)]
    [InlineData("-1", false)]
    [InlineData("100000000", false)]
    public void Wait_seconds_literals_are_0_to_99999999(string literal, bool valid) =>
        Assert.Equal(valid, SettingKinds.Seconds.TryLiteral(States.Node(literal), out _, out _));

    [Fact]
    public void Literal_problems_name_the_field_and_the_range()
    {
        SettingKinds.TimeoutSeconds.TryLiteral(States.Node("0"), out _, out var range);
        Assert.Equal("Field 'TimeoutSeconds' must be between 1 and 99999999, but is 0.", range);
        SettingKinds.MaxConcurrency.TryLiteral(States.Node("1.5"), out _, out var integer);
        Assert.Equal("Field 'MaxConcurrency' must be an integer, but is 1.5.", integer);
        SettingKinds.ToleratedFailurePercentage.TryLiteral(States.Node("101"), out _, out var percent);
        Assert.Equal("Field 'ToleratedFailurePercentage' must be between 0 and 100, but is 101.", percent);
        SettingKinds.Timestamp.TryLiteral(States.Node("\"2016-03-14T01:59:00\""), out _, out var timestamp);
        Assert.Equal("Timestamp '2016-03-14T01:59:00' is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z.", timestamp);
        SettingKinds.Error.TryLiteral(States.Node("5"), out _, out var text);
        Assert.Equal("Field 'Error' must be a string, but is number.", text);
    }

    [Fact]
    public void Wait_seconds_path_causes()
    {
        Assert.Equal(States.CausePrefix + "The SecondsPath parameter does not reference an input value: $.v", PathCause(SettingKinds.Seconds, "{}"));
        Assert.Equal(States.CausePrefix + "The SecondsPath parameter cannot be parsed as a long value: $.v == ten", PathCause(SettingKinds.Seconds, """{"v":"ten"}"""));
        Assert.Equal(States.CausePrefix + "The SecondsPath parameter references a negative value: $.v == -1", PathCause(SettingKinds.Seconds, """{"v":-1}"""));
        Assert.Equal(123_456_789_000, Path(SettingKinds.Seconds).Resolve(States.Node("""{"v":123456789000}"""), States.Context()));
    }

    [Fact]
    public void Task_seconds_from_a_path_are_positive_and_capped()
    {
        Assert.Equal(States.CausePrefix + "The HeartbeatSecondsPath '$.v' does not reference a positive integer.", PathCause(SettingKinds.HeartbeatSeconds, """{"v":0}"""));
        Assert.Equal(States.CausePrefix + "The TimeoutSecondsPath '$.v' does not reference a positive integer.", PathCause(SettingKinds.TimeoutSeconds, "{}"));
        Assert.Equal(99_999_999, Path(SettingKinds.TimeoutSeconds).Resolve(States.Node("""{"v":500000000}"""), States.Context()));
    }

    [Fact]
    public void Map_counts_from_a_path_accept_integer_strings_and_refuse_negatives()
    {
        Assert.Equal(3, Path(SettingKinds.MaxConcurrency).Resolve(States.Node("""{"v":"3"}"""), States.Context()));
        Assert.Equal(States.CausePrefix + "Expected non-negative integer for MaxConcurrency, got '-1' instead.", PathCause(SettingKinds.MaxConcurrency, """{"v":-1}"""));
        Assert.Equal(States.CausePrefix + "ToleratedFailureCount cannot be negative.", PathCause(SettingKinds.ToleratedFailureCount, """{"v":-1}"""));
        Assert.Equal(States.CausePrefix + "MaxConcurrencyPath refers to 3000000000, above 2147483647.", PathCause(SettingKinds.MaxConcurrency, """{"v":3000000000}"""));
        Assert.Equal(States.CausePrefix + "Invalid path '$.v' : No results for path: $['v']", PathCause(SettingKinds.ToleratedFailureCount, "{}"));
    }

    [Fact]
    public void Percentages_from_a_path_are_0_to_100()
    {
        Assert.Equal(50, Path(SettingKinds.ToleratedFailurePercentage).Resolve(States.Node("""{"v":"50"}"""), States.Context()));
        Assert.Equal(States.CausePrefix + "ToleratedFailurePercentage must be between 0 and 100.", PathCause(SettingKinds.ToleratedFailurePercentage, """{"v":100.5}"""));
        Assert.Equal(States.CausePrefix + "The ToleratedFailurePercentagePath field refers to value \"true\" which is not a valid float: $.v", PathCause(SettingKinds.ToleratedFailurePercentage, """{"v":true}"""));
    }

    [Fact]
    public void An_expression_result_outside_the_range_is_a_query_evaluation_error_naming_the_field()
    {
        var failure = Assert.Throws<QueryEvaluationException>(() =>
            new QuerySetting<long>(States.Query("\"{% -1 %}\"", "Seconds"), SettingKinds.Seconds).Resolve(null, States.Context()));
        Assert.Equal("Seconds", failure.Location);
        Assert.Equal(States.CausePrefix + "The JSONata expression specified for the field 'Seconds' returned -1, which is not an integer between 0 and 99999999.", failure.Cause);
        var text = Assert.Throws<QueryEvaluationException>(() =>
            new QuerySetting<string>(States.Query("5", "Cause"), SettingKinds.Cause).Resolve(null, States.Context()));
        Assert.Equal(States.CausePrefix + "The JSONata expression specified for the field 'Cause' returned number, which is not a string.", text.Cause);
    }

    [Fact]
    public void Map_counts_from_an_expression_keep_their_integer_part()
    {
        Assert.Equal(2, new QuerySetting<long>(States.Query("\"{% 2.7 %}\"", "MaxConcurrency"), SettingKinds.MaxConcurrency).Resolve(null, States.Context()));
        Assert.Throws<QueryEvaluationException>(() =>
            new QuerySetting<long>(States.Query("\"{% -0.5 %}\"", "MaxConcurrency"), SettingKinds.MaxConcurrency).Resolve(null, States.Context()));
    }

    [Fact]
    public void A_fail_text_read_by_an_intrinsic_must_be_a_string()
    {
        var setting = new ExpressionSetting<string>(Payloads.ValueExpression.Parse("States.ArrayLength($.a)"), SettingKinds.Error);
        var failure = Assert.Throws<StatesException>(() => setting.Resolve(States.Node("""{"a":[1]}"""), States.Context()));
        Assert.Equal(States.CausePrefix + "The value of ErrorPath 'States.ArrayLength($.a)' must be a string, but is number.", failure.Cause);
    }

    private static PathSetting<T> Path<T>(SettingKind<T> kind) => new(JsonPath.Parse("$.v"), kind);

    private static string? PathCause<T>(SettingKind<T> kind, string input) =>
        Assert.Throws<StatesException>(() => Path(kind).Resolve(States.Node(input), States.Context())).Cause;
}
