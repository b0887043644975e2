using System.Text.Json.Nodes;

namespace Jsonata.Tests;

/// <summary>The public API contract the Step Functions host codes against.</summary>
public class ApiTests
{
    private static JsonataResult Eval(string expression, string? json = null, IReadOnlyDictionary<string, JsonNode?>? bindings = null,
        JsonataEnvironment? environment = null) =>
        JsonataExpression.Parse(expression).Evaluate(json == null ? null : JsonNode.Parse(json), bindings, environment);

    [Fact]
    public void Undefined_is_distinguishable_from_json_null()
    {
        var missing = Eval("a.nothing", """{"a": {}}""");
        var nul = Eval("a", """{"a": null}""");
        Assert.True(missing.IsUndefined);
        Assert.False(nul.IsUndefined);
        Assert.Null(nul.Value);
        Assert.Equal("undefined", missing.ToString());
        Assert.Equal("null", nul.ToString());
    }

    [Fact]
    public void An_undefined_input_differs_from_a_null_input()
    {
        var expression = JsonataExpression.Parse("$type($)");
        Assert.True(expression.Evaluate(JsonataResult.Undefined, null).IsUndefined);
        Assert.Equal("null", expression.Evaluate((JsonNode?)null).Value!.GetValue<string>());
    }

    [Fact]
    public void Variables_are_bound_by_the_host_without_the_dollar()
    {
        var bindings = new Dictionary<string, JsonNode?> { ["states"] = JsonNode.Parse("""{"input": {"n": 41}}"""), ["nothing"] = null };
        Assert.Equal(42, Eval("$states.input.n + 1", "{}", bindings).Value!.GetValue<double>());
        Assert.Equal("null", Eval("$type($nothing)", "{}", bindings).Value!.GetValue<string>());
    }

    [Fact]
    public void The_input_and_bindings_are_never_modified()
    {
        var input = JsonNode.Parse("""{"a": {"b": 1}}""")!;
        var before = input.ToJsonString();
        Eval("$ ~> |a|{'b': 2, 'c': 3}|", before);
        var result = JsonataExpression.Parse("$ ~> |a|{'b': 2}|").Evaluate(input);
        Assert.Equal(before, input.ToJsonString());
        Assert.Equal(2, result.Value!["a"]!["b"]!.GetValue<double>());
        Assert.Null(result.Value.Parent);
    }

    [Fact]
    public void Host_functions_can_be_added_replaced_and_removed()
    {
        var environment = JsonataEnvironment.Standard
            .WithoutFunction("eval")
            .WithFunction("double", (args, _) => JsonataResult.Of(args[0].Value!.GetValue<double>() * 2))
            .WithFunction("uppercase", (_, _) => JsonataResult.Of("replaced"))
            .WithFunction("context", (_, input) => input);
        Assert.Equal(42, Eval("$double(21)", null, null, environment).Value!.GetValue<double>());
        Assert.Equal("replaced", Eval("$uppercase('x')", null, null, environment).Value!.GetValue<string>());
        Assert.Equal(7, Eval("a.$context()", """{"a": 7}""", null, environment).Value!.GetValue<double>());
        Assert.Equal("[2,4]", Eval("$map([1,2], $double)", null, null, environment).Value!.ToJsonString());
        var e = Assert.Throws<JsonataException>(() => Eval("$eval('1')", null, null, environment));
        Assert.Equal("T1006", e.Code);
        Assert.Equal(3, Eval("$eval('1 + 2')").Value!.GetValue<double>());
    }

    [Fact]
    public void A_host_function_raises_its_own_error_code()
    {
        var environment = JsonataEnvironment.Standard.WithFunction("fail", (_, _) => throw new JsonataException("X0001", 0, "host failure"));
        var e = Assert.Throws<JsonataException>(() => Eval("1 + $fail()", null, null, environment));
        Assert.Equal("X0001", e.Code);
    }

    [Theory]
    [InlineData("1 +", "S0207")]
    [InlineData("a[", "S0203")]
    [InlineData("'abc", "S0101")]
    [InlineData("1 + 'a'", "T2002")]
    [InlineData("$error('custom')", "D3137")]
    [InlineData("$undefinedFunction()", "T1006")]
    public void Parse_and_evaluation_errors_share_one_exception_type_with_code_and_position(string expression, string code)
    {
        var e = Assert.Throws<JsonataException>(() => Eval(expression, "{}"));
        Assert.Equal(code, e.Code);
        Assert.True(e.Position >= 0);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void Error_positions_point_into_the_source()
    {
        var e = Assert.Throws<JsonataException>(() => Eval("1 + 2 + 'x'", "{}"));
        Assert.Equal(7, e.Position);
        Assert.Equal("custom message", Assert.Throws<JsonataException>(() => Eval("$error('custom message')")).Message);
    }

    [Fact]
    public void Runaway_recursion_hits_the_depth_limit()
    {
        var e = Assert.Throws<JsonataLimitException>(() => Eval("($f := function($n){ 1 + $f($n + 1) }; $f(0))"));
        Assert.Equal("U1001", e.Code);
    }

    [Fact]
    public void Deep_tail_recursion_runs_without_the_stack()
    {
        var result = Eval("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(100000, 0))");
        Assert.Equal(100000, result.Value!.GetValue<double>());
    }

    [Fact]
    public void An_endless_loop_hits_the_time_limit()
    {
        var environment = JsonataEnvironment.Standard.WithLimits(500, TimeSpan.FromMilliseconds(200));
        var e = Assert.Throws<JsonataLimitException>(() => Eval("($f := function($n){ $f($n + 1) }; $f(0))", null, null, environment));
        Assert.Equal("U1002", e.Code);
    }

    [Fact]
    public void One_parsed_expression_evaluates_concurrently()
    {
        var expression = JsonataExpression.Parse("($sum := function($a){ $reduce($a, function($x, $y){ $x + $y }) }; { 'n': n, 'total': $sum([1..n]) })");
        var results = new double[64];
        Parallel.For(0, results.Length, i =>
            results[i] = expression.Evaluate(JsonNode.Parse($"{{\"n\": {i + 1}}}")).Value!["total"]!.GetValue<double>());
        for (var i = 0; i < results.Length; i++) Assert.Equal((i + 1) * (i + 2) / 2.0, results[i]);
    }

    [Fact]
    public void Function_results_are_undefined_and_omitted_from_objects()
    {
        Assert.True(Eval("function($x){$x}").IsUndefined);
        Assert.Equal("""{"a":1}""", Eval("{'a': 1, 'f': function(){2}}").Value!.ToJsonString());
    }

    [Fact]
    public void Nondeterministic_functions_have_their_properties()
    {
        var r = Eval("[$random(), $random()]").Value!.AsArray().Select(n => n!.GetValue<double>()).ToList();
        Assert.All(r, v => Assert.InRange(v, 0, 0.9999999999));
        var now = Eval("[$now(), $now(), $millis(), $millis()]").Value!.AsArray();
        Assert.Equal(now[0]!.GetValue<string>(), now[1]!.GetValue<string>());
        Assert.Equal(now[2]!.GetValue<double>(), now[3]!.GetValue<double>());
        var parsed = DateTimeOffset.Parse(now[0]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(now[2]!.GetValue<double>(), parsed.ToUnixTimeMilliseconds());
        Assert.InRange(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - now[2]!.GetValue<double>()), 0, 60_000);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", now[0]!.GetValue<string>());
        Assert.Matches(@"^\d\d:\d\d$", Eval("$now('[H01]:[m01]')").Value!.GetValue<string>());
        var shuffled = Eval("$shuffle([1,2,3,4,5,6,7,8])").Value!.AsArray().Select(n => n!.GetValue<double>()).Order();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], shuffled);
    }

    [Fact]
    public void A_prepared_value_is_converted_once_and_shared_by_evaluations()
    {
        var source = JsonNode.Parse("""{"items": [{"n": 1}, {"n": 2}], "one": [5]}""");
        var prepared = JsonataValue.From(source);
        source!["items"]!.AsArray().Add(new JsonObject { ["n"] = 100 });
        var bindings = new Dictionary<string, JsonataValue> { ["states"] = prepared };
        Assert.Equal(3, JsonataExpression.Parse("$sum(items.n)").Evaluate(prepared).Value!.GetValue<double>());
        Assert.Equal(3, JsonataExpression.Parse("$sum($states.items.n)").Evaluate(JsonataValue.Undefined, bindings).Value!.GetValue<double>());
        Assert.Equal("[5]", JsonataExpression.Parse("one[]").Evaluate(prepared).Value!.ToJsonString());
        Assert.Equal("[5]", JsonataExpression.Parse("one").Evaluate(prepared).Value!.ToJsonString());
        Assert.Equal("""[{"n":1,"m":0},{"n":2,"m":0}]""", JsonataExpression.Parse("items ~> |$|{'m': 0}|").Evaluate(prepared).Value!.ToJsonString());
        Assert.Equal("""[{"n":1},{"n":2}]""", JsonataExpression.Parse("items").Evaluate(prepared).Value!.ToJsonString());
    }

    [Theory]
    [InlineData("phone", "phone")]
    [InlineData("phone[0].number", "phone")]
    [InlineData("aaa + bbb", "aaa,bbb")]
    [InlineData("$.phone", "$")]
    [InlineData("$$", "$$")]
    [InlineData("{aaa: 1}", "aaa")]
    [InlineData("$map($states.input.a, function($x){ b })", "b")]
    [InlineData("$states.input.items[phone > 3]", "")]
    [InlineData("$states.input.items^(price).{name: value}", "")]
    [InlineData("$map($states.input.a, function($x){ $x.phone })", "")]
    [InlineData("($v := x; $v.y)", "x")]
    [InlineData("a ? b : c", "a,b,c")]
    [InlineData("'a' & \"b\"", "")]
    public void InputReferences_lists_what_is_read_from_the_top_level_input(string expression, string expected) =>
        Assert.Equal(expected, string.Join(",", JsonataExpression.Parse(expression).InputReferences()));

    [Fact]
    public void VariableFields_lists_every_variable_path_anywhere()
    {
        var fields = JsonataExpression.Parse("$states.errorOutput.Cause & $x.items[$y.z > 1].n & $states.input").VariableFields();
        Assert.Equal(["states.errorOutput", "x.items", "y.z", "states.input"], fields);
    }
}
