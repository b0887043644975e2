using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Tests;

public class PathTests
{
    private static readonly string Doc = """{"a":{"b":[10,20,30]},"x y":1,"list":[{"n":1},{"n":2}]}""";

    [Theory]
    [InlineData("$", """{"a":{"b":[10,20,30]},"x y":1,"list":[{"n":1},{"n":2}]}""")]
    [InlineData("$.a.b", "[10,20,30]")]
    [InlineData("$.a.b[1]", "20")]
    [InlineData("$.a.b[-1]", "30")]
    [InlineData("$['x y']", "1")]
    [InlineData("$.a['b'][0]", "10")]
    [InlineData("$.list[*].n", "[1,2]")]
    [InlineData("$.a.b[1:]", "[20,30]")]
    [InlineData("$.a.b[0:2]", "[10,20]")]
    public void Selects_the_expected_value(string path, string expected)
    {
        Assert.True(JsonPath.Parse(path).TryEvaluate(Json.Parse(Doc), out var value));
        Sfn.JsonEqual(expected, value);
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.a.b[7]")]
    [InlineData("$.a.b.c")]
    public void A_definite_path_that_matches_nothing_is_not_found(string path) =>
        Assert.False(JsonPath.Parse(path).TryEvaluate(Json.Parse(Doc), out _));

    [Theory]
    [InlineData("a.b")]
    [InlineData("$.")]
    [InlineData("$.a[?(@.x)]")]
    [InlineData("$.a[")]
    [InlineData("$..a")]
    public void Invalid_syntax_is_rejected_with_a_message(string path)
    {
        Assert.False(JsonPath.TryParse(path, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Double_dollar_marks_a_context_path() => Assert.True(JsonPath.Parse("$$.Execution.Id").IsContext);

    [Fact]
    public void Wildcards_make_a_path_indefinite() => Assert.False(JsonPath.Parse("$.a[*]").IsDefinite);

    [Fact]
    public void Bracket_notation_is_what_aws_prints_in_causes() =>
        Assert.Equal("$['a']['b'][0]", JsonPath.Parse("$.a.b[0]").ToBracketNotation());
}
