using StepFunctions.Local.Core;

namespace StepFunctions.Local.Tests;

/// <summary>Causes of Wait and Map *Path failures in AWS's words: TimestampPath as recorded from AWS; SecondsPath,
/// MaxConcurrencyPath and ToleratedFailure*Path as LocalStack writes them (see the executor README).</summary>
public class CauseTextTests
{
    private const string Prefix = "An error occurred while executing the state 'W' (entered at the event id #2). ";

    private static async Task<string> WaitCause(string field, string input)
    {
        var result = await Sfn.Failure(Sfn.Fill("""{"StartAt":"W","States":{"W":{"Type":"Wait","{field}":"$.v","End":true}}}""", ("field", field)), input);
        Assert.Equal(StatesErrors.Runtime, result.Error);
        return result.Cause!;
    }

    [Theory]
    [InlineData("""{"v":"2016-03-14T01:59:00"}""", "2016-03-14T01:59:00")]
    [InlineData("""{"v":"soon"}""", "soon")]
    [InlineData("""{"v":5}""", "5")]
    public async Task TimestampPath_not_an_ISO_8601_offset_date_time(string input, string shown) =>
        Assert.Equal(Prefix + "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.v == " + shown,
            await WaitCause("TimestampPath", input));

    [Fact]
    public async Task TimestampPath_with_fractions_and_Z_waits() =>
        await Sfn.Output("""{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.v","End":true}}}""",
            """{"v":"2016-03-14T01:59:00.0000000Z"}""");

    [Fact]
    public async Task SecondsPath_negative_non_integer_and_missing()
    {
        Assert.Equal(Prefix + "The SecondsPath parameter references a negative value: $.v == -1", await WaitCause("SecondsPath", """{"v":-1}"""));
        Assert.Equal(Prefix + "The SecondsPath parameter cannot be parsed as a long value: $.v == 1.5", await WaitCause("SecondsPath", """{"v":1.5}"""));
        Assert.Equal(Prefix + "The SecondsPath parameter cannot be parsed as a long value: $.v == ten", await WaitCause("SecondsPath", """{"v":"ten"}"""));
        Assert.Equal(Prefix + "The SecondsPath parameter does not reference an input value: $.v", await WaitCause("SecondsPath", "{}"));
    }

    private static async Task<string> MapCause(string field, string value)
    {
        var result = await Sfn.Failure(Sfn.Fill("""
            {"StartAt":"W","States":{"W":{"Type":"Map","ItemsPath":"$.items","{field}":"$.v","End":true,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, ("field", field)), "{\"items\":[1],\"v\":" + value + "}");
        Assert.Equal(StatesErrors.Runtime, result.Error);
        return result.Cause!;
    }

    [Fact]
    public async Task Map_path_fields_with_values_AWS_refuses()
    {
        Assert.Equal(Prefix + "The MaxConcurrencyPath field refers to value \"x\" which is not a valid integer: $.v", await MapCause("MaxConcurrencyPath", "\"x\""));
        Assert.Equal(Prefix + "The MaxConcurrencyPath field refers to value \"1.5\" which is not a valid integer: $.v", await MapCause("MaxConcurrencyPath", "1.5"));
        Assert.Equal(Prefix + "Expected non-negative integer for MaxConcurrency, got '-1' instead.", await MapCause("MaxConcurrencyPath", "-1"));
        Assert.Equal(Prefix + "The ToleratedFailureCountPath field refers to value \"{\"a\":1}\" which is not a valid integer: $.v", await MapCause("ToleratedFailureCountPath", """{"a":1}"""));
        Assert.Equal(Prefix + "ToleratedFailureCount cannot be negative.", await MapCause("ToleratedFailureCountPath", "-2"));
        Assert.Equal(Prefix + "The ToleratedFailurePercentagePath field refers to value \"true\" which is not a valid float: $.v", await MapCause("ToleratedFailurePercentagePath", "true"));
        Assert.Equal(Prefix + "ToleratedFailurePercentage must be between 0 and 100.", await MapCause("ToleratedFailurePercentagePath", "100.5"));
    }

    [Fact]
    public async Task Map_path_fields_accept_integers_in_strings_and_fractional_percentages() =>
        Sfn.JsonEqual("[1,2]", await Sfn.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrencyPath":"$.mc","ToleratedFailurePercentagePath":"$.tp","End":true,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, """{"items":[1,2],"mc":"1","tp":12.5}"""));
}
