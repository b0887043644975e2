using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>Choice rules: comparison operators, Path variants, And/Or/Not, Default, NoChoiceMatched.</summary>
public class ChoiceTests
{
    private static string Machine(string rule) => """
        {"StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[RULE],"Default":"No"},
          "Yes":{"Type":"Pass","Result":"yes","End":true},
          "No":{"Type":"Pass","Result":"no","End":true}}}
        """.Replace("RULE", rule, StringComparison.Ordinal);

    private static async Task<string> Decide(string rule, string input) =>
        (await Sfn.Output(Machine(rule), input))!.GetValue<string>();

    [Theory]
    [InlineData("""{"Variable":"$.v","StringEquals":"a","Next":"Yes"}""", """{"v":"a"}""", "yes")]
    [InlineData("""{"Variable":"$.v","StringEquals":"a","Next":"Yes"}""", """{"v":1}""", "no")]
    [InlineData("""{"Variable":"$.v","StringLessThan":"b","Next":"Yes"}""", """{"v":"a"}""", "yes")]
    [InlineData("""{"Variable":"$.v","StringGreaterThanEquals":"b","Next":"Yes"}""", """{"v":"b"}""", "yes")]
    [InlineData("""{"Variable":"$.v","StringMatches":"log-*.txt","Next":"Yes"}""", """{"v":"log-2024.txt"}""", "yes")]
    [InlineData("""{"Variable":"$.v","StringMatches":"a\\*b","Next":"Yes"}""", """{"v":"a*b"}""", "yes")]
    [InlineData("""{"Variable":"$.v","StringMatches":"a\\*b","Next":"Yes"}""", """{"v":"axb"}""", "no")]
    [InlineData("""{"Variable":"$.v","NumericEquals":1,"Next":"Yes"}""", """{"v":1.0}""", "yes")]
    [InlineData("""{"Variable":"$.v","NumericLessThan":1.5,"Next":"Yes"}""", """{"v":1}""", "yes")]
    [InlineData("""{"Variable":"$.v","NumericGreaterThan":1,"Next":"Yes"}""", """{"v":"2"}""", "no")]
    [InlineData("""{"Variable":"$.v","NumericLessThanEqualsPath":"$.w","Next":"Yes"}""", """{"v":2,"w":2}""", "yes")]
    [InlineData("""{"Variable":"$.v","BooleanEquals":true,"Next":"Yes"}""", """{"v":true}""", "yes")]
    [InlineData("""{"Variable":"$.v","BooleanEqualsPath":"$.w","Next":"Yes"}""", """{"v":false,"w":false}""", "yes")]
    [InlineData("""{"Variable":"$.v","TimestampEquals":"2024-01-01T00:00:00Z","Next":"Yes"}""", """{"v":"2024-01-01T01:00:00+01:00"}""", "yes")]
    [InlineData("""{"Variable":"$.v","TimestampLessThan":"2024-01-01T00:00:00Z","Next":"Yes"}""", """{"v":"2023-12-31T23:59:59Z"}""", "yes")]
    [InlineData("""{"Variable":"$.v","TimestampGreaterThanPath":"$.w","Next":"Yes"}""", """{"v":"2024-01-02T00:00:00Z","w":"2024-01-01T00:00:00Z"}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsNull":true,"Next":"Yes"}""", """{"v":null}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsPresent":false,"Next":"Yes"}""", """{}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsPresent":true,"Next":"Yes"}""", """{"v":null}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsNumeric":true,"Next":"Yes"}""", """{"v":3}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsString":true,"Next":"Yes"}""", """{"v":"3"}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsBoolean":false,"Next":"Yes"}""", """{"v":"true"}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsTimestamp":true,"Next":"Yes"}""", """{"v":"2016-03-14T01:59:00Z"}""", "yes")]
    [InlineData("""{"Variable":"$.v","IsTimestamp":true,"Next":"Yes"}""", """{"v":"2016-03-14"}""", "no")]
    [InlineData("""{"And":[{"Variable":"$.v","NumericGreaterThanEquals":20},{"Variable":"$.v","NumericLessThan":30}],"Next":"Yes"}""", """{"v":25}""", "yes")]
    [InlineData("""{"Or":[{"Variable":"$.v","NumericEquals":1},{"Variable":"$.v","NumericEquals":2}],"Next":"Yes"}""", """{"v":2}""", "yes")]
    [InlineData("""{"Not":{"Variable":"$.v","StringEquals":"x"},"Next":"Yes"}""", """{"v":"y"}""", "yes")]
    [InlineData("""{"Variable":"$$.State.Name","StringEquals":"C","Next":"Yes"}""", """{}""", "yes")]
    public async Task Rule_decides_as_the_spec_says(string rule, string input, string expected) =>
        Assert.Equal(expected, await Decide(rule, input));

    [Fact]
    public async Task Numbers_made_by_intrinsics_compare_with_fractional_literals()
    {
        var definition = """
        {"StartAt":"Len","States":{
          "Len":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($.a)","m.$":"States.MathAdd(1, 1)"},"Next":"C"},
          "C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.n","NumericLessThan":2.5},{"Variable":"$.m","NumericGreaterThan":1.5}],"Next":"Yes"}],"Default":"No"},
          "Yes":{"Type":"Pass","Result":"yes","End":true},"No":{"Type":"Pass","Result":"no","End":true}}}
        """;
        Sfn.JsonEqual("\"yes\"", await Sfn.Output(definition, """{"a":[1,2]}"""));
    }

    [Fact]
    public async Task The_first_matching_rule_wins()
    {
        var definition = """
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
          {"Variable":"$.v","NumericGreaterThan":0,"Next":"A"},{"Variable":"$.v","NumericGreaterThan":1,"Next":"B"}]},
          "A":{"Type":"Pass","Result":"A","End":true},"B":{"Type":"Pass","Result":"B","End":true}}}
        """;
        Sfn.JsonEqual("\"A\"", await Sfn.Output(definition, """{"v":5}"""));
    }

    [Fact]
    public async Task No_match_without_Default_fails_with_NoChoiceMatched()
    {
        var definition = """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.v","IsPresent":true,"Next":"E"}]},"E":{"Type":"Succeed"}}}""";
        var result = await Sfn.Failure(definition);
        Assert.Equal(StatesErrors.NoChoiceMatched, result.Error);
    }

    [Fact]
    public async Task A_missing_Variable_fails_with_States_Runtime()
    {
        var result = await Sfn.Failure(Machine("""{"Variable":"$.nope","StringEquals":"a","Next":"Yes"}"""));
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("Invalid path '$.nope': The choice state's condition path references an invalid value.", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choice_passes_its_input_through() =>
        Sfn.JsonEqual("""{"v":1}""", await Sfn.Output("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericEquals":1,"Next":"E"}]},"E":{"Type":"Succeed"}}}""", """{"v":1}"""));
}
