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
    [InlineData("$.a[?(@.x ==)]")]
    [InlineData("$.a[?(@.x)")]
    [InlineData("$.a[?(1)]")]
    [InlineData("$.a[")]
    [InlineData("$.a[0,]")]
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

    private static readonly string Store = """
        {"store":{"book":[
          {"category":"reference","author":"Nigel Rees","price":8.95},
          {"category":"fiction","author":"Evelyn Waugh","price":12.99,"isbn":null},
          {"category":"fiction","author":"Herman Melville","price":8.99,"isbn":"0-553-21311-3"}],
          "bicycle":{"color":"red","price":19.95}},
         "expensive":10,
         "list":[{"keep":true},{"keep":false},{"other":1}],
         "d":{"x":{"a":[1,2]}}}
        """;

    [Theory]
    // Existence keeps false and null values (Step Functions Local, the Jayway engine AWS's JSONPath behaves as).
    [InlineData("$.list[?(@.keep)]", """[{"keep":true},{"keep":false}]""")]
    [InlineData("$.list[?(@.keep == true)]", """[{"keep":true}]""")]
    [InlineData("$.d..a", "[[1,2]]")]
    [InlineData("$.d..a[*]", "[1,2]")]
    [InlineData("$.store.book[?(@.isbn)].author", """["Evelyn Waugh","Herman Melville"]""")]
    [InlineData("$.store.book[?(@.price < 10)].author", """["Nigel Rees","Herman Melville"]""")]
    [InlineData("$.store.book[?(@.price <= 8.99 && @.category == 'fiction')].author", """["Herman Melville"]""")]
    [InlineData("$.store.book[?(@.category == 'reference' || @.price > 12)].price", "[8.95,12.99]")]
    [InlineData("$.store.book[?(!(@.category == \"fiction\"))].price", "[8.95]")]
    [InlineData("$.store.book[?(@.price < $.expensive)].price", "[8.95,8.99]")]
    [InlineData("$.store.book[?(@.author =~ /.*REES/i)].price", "[8.95]")]
    [InlineData("$.store.book[?(@.category in ['reference','poetry'])].price", "[8.95]")]
    [InlineData("$.store.book[?(@.category nin ['reference'])].price", "[12.99,8.99]")]
    [InlineData("$.store.book[?(@.isbn != '0-553-21311-3')].price", "[8.95,12.99]")]
    [InlineData("$.store.book[?(@.price == '8.95')].price", "[]")]
    [InlineData("$.store.book[0,2].price", "[8.95,8.99]")]
    [InlineData("$.store.book[-1,0,7].price", "[8.99,8.95]")]
    [InlineData("$.store.bicycle['color','price']", """{"color":"red","price":19.95}""")]
    [InlineData("$.store.bicycle['color','missing']", """{"color":"red"}""")]
    [InlineData("$.store.book[1:]['author','price']", """[{"author":"Evelyn Waugh","price":12.99},{"author":"Herman Melville","price":8.99}]""")]
    [InlineData("$.store['bicycle','book'].price", "[19.95]")]
    [InlineData("$..price", "[8.95,12.99,8.99,19.95]")]
    [InlineData("$..book[?(@.price > 10)].author", """["Evelyn Waugh"]""")]
    [InlineData("$..[?(@.color)].price", "[19.95]")]
    [InlineData("$.store.bicycle[?(@.color == 'red')].price", "[19.95]")]
    public void Filters_unions_and_deep_scan_select_as_AWS_does(string path, string expected)
    {
        Assert.True(JsonPath.Parse(path).TryEvaluate(Json.Parse(Store), out var value));
        Sfn.JsonEqual(expected, value);
    }

    [Fact]
    public void A_property_union_at_the_end_is_definite_and_filters_are_not()
    {
        Assert.True(JsonPath.Parse("$.a['b','c']").IsDefinite);
        Assert.False(JsonPath.Parse("$.a['b','c'].d").IsDefinite);
        Assert.False(JsonPath.Parse("$.a[?(@.b)]").IsDefinite);
        Assert.False(JsonPath.Parse("$.a[0,1]").IsDefinite);
        Assert.False(JsonPath.Parse("$..a").IsDefinite);
    }

    [Fact]
    public async Task A_filter_works_in_InputPath_and_Parameters_and_not_in_ResultPath()
    {
        Sfn.JsonEqual("""{"kept":[{"n":2}],"first":[{"n":1}]}""", await Sfn.Output("""
            {"StartAt":"S","States":{"S":{"Type":"Pass","InputPath":"$.items","End":true,
              "Parameters":{"kept.$":"$[?(@.n > 1)]","first.$":"$[?(@.n == 1)]"}}}}
            """, """{"items":[{"n":1},{"n":2}]}"""));
        Assert.Contains(LocalStateMachine.Validate("""{"StartAt":"S","States":{"S":{"Type":"Pass","ResultPath":"$.a[?(@.b)]","End":true}}}""").Diagnostics,
            d => d.Code == StepFunctions.Local.Definition.DiagnosticCodes.InvalidPath && d.Location == "/States/S/ResultPath");
    }
}
