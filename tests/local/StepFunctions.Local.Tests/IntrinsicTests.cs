using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Tests;

/// <summary>The 18 intrinsic functions (ASL spec appendix B and the AWS intrinsic functions page).</summary>
public class IntrinsicTests
{
    private static async Task<JsonNode?> Eval(string expression, string input = "{}")
    {
        var escaped = expression.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var output = await Sfn.Output(Sfn.Single(Sfn.Fill("""{"Type":"Pass","Parameters":{"v.$":"{escaped}"},"End":true}""", ("escaped", escaped))), input);
        return output!["v"];
    }

    private static async Task<ExecutionResult> EvalFails(string expression, string input = "{}")
    {
        var escaped = expression.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return await Sfn.Failure(Sfn.Single(Sfn.Fill("""{"Type":"Pass","Parameters":{"v.$":"{escaped}"},"End":true}""", ("escaped", escaped))), input);
    }

    [Fact]
    public async Task Format_fills_placeholders_in_order() =>
        Sfn.JsonEqual("\"Hello, my name is Ana. 3 true null\"", await Eval("States.Format('Hello, my name is {}. {} {} {}', $.n, 3, true, null)", """{"n":"Ana"}"""));

    [Fact]
    public async Task Format_keeps_escaped_braces_literal() =>
        Sfn.JsonEqual("\"{} x\"", await Eval("States.Format('\\{\\} {}', 'x')"));

    [Fact]
    public async Task Format_with_too_few_arguments_fails() =>
        Assert.Equal(StatesErrors.Runtime, (await EvalFails("States.Format('{} {}', 'x')")).Error);

    [Fact]
    public async Task StringToJson_parses_a_string() =>
        Sfn.JsonEqual("""{"a":[1]}""", await Eval("States.StringToJson($.s)", """{"s":"{\"a\":[1]}"}"""));

    [Fact]
    public async Task JsonToString_serialises_compactly() =>
        Sfn.JsonEqual("\"{\\\"a\\\":[1,2]}\"", await Eval("States.JsonToString($.o)", """{"o":{"a":[1,2]}}"""));

    [Fact]
    public async Task Array_builds_an_array_of_its_arguments() =>
        Sfn.JsonEqual("""["a",1,{"x":2}]""", await Eval("States.Array('a', 1, $.o)", """{"o":{"x":2}}"""));

    [Fact]
    public async Task ArrayPartition_chunks_with_a_shorter_last_chunk() =>
        Sfn.JsonEqual("[[1,2],[3,4],[5]]", await Eval("States.ArrayPartition($.a, 2)", """{"a":[1,2,3,4,5]}"""));

    [Fact]
    public async Task ArrayContains_compares_by_value() =>
        Sfn.JsonEqual("true", await Eval("States.ArrayContains($.a, $.v)", """{"a":[1,{"k":2}],"v":{"k":2}}"""));

    [Fact]
    public async Task ArrayRange_includes_both_ends() =>
        Sfn.JsonEqual("[1,3,5,7,9]", await Eval("States.ArrayRange(1, 9, 2)"));

    [Fact]
    public async Task ArrayRange_refuses_more_than_1000_items() =>
        Assert.Equal(StatesErrors.Runtime, (await EvalFails("States.ArrayRange(0, 1000, 1)")).Error);

    [Fact]
    public async Task ArrayGetItem_returns_the_item_at_an_index() =>
        Sfn.JsonEqual("6", await Eval("States.ArrayGetItem($.a, $.i)", """{"a":[1,2,3,4,5,6,7,8,9],"i":5}"""));

    [Fact]
    public async Task ArrayGetItem_out_of_bounds_fails_with_a_cause_naming_the_function()
    {
        var result = await EvalFails("States.ArrayGetItem($.a, 3)", """{"a":[1]}""");
        Assert.Contains("States.ArrayGetItem($.a, 3)", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArrayLength_counts_items() =>
        Sfn.JsonEqual("3", await Eval("States.ArrayLength($.a)", """{"a":[1,2,3]}"""));

    [Fact]
    public async Task ArrayUnique_keeps_first_occurrences_in_order() =>
        Sfn.JsonEqual("[1,2,3,4]", await Eval("States.ArrayUnique($.a)", """{"a":[1,2,3,3,3,3,3,3,4]}"""));

    [Fact]
    public async Task Base64Encode_encodes_utf8() =>
        Sfn.JsonEqual("\"RGF0YSB0byBlbmNvZGU=\"", await Eval("States.Base64Encode('Data to encode')"));

    [Fact]
    public async Task Base64Decode_decodes_to_a_string() =>
        Sfn.JsonEqual("\"Data to encode\"", await Eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"));

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-1")]
    [InlineData("SHA-256")]
    [InlineData("SHA-384")]
    [InlineData("SHA-512")]
    public async Task Hash_supports_the_five_algorithms(string algorithm)
    {
        var value = await Eval($"States.Hash('input data', '{algorithm}')");
        var expectedLength = algorithm switch { "MD5" => 32, "SHA-1" => 40, "SHA-256" => 64, "SHA-384" => 96, _ => 128 };
        Assert.Equal(expectedLength, value!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Hash_sha256_matches_the_known_digest() =>
        Sfn.JsonEqual("\"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\"", await Eval("States.Hash('foo', 'SHA-256')"));

    [Fact]
    public async Task Hash_rejects_an_unknown_algorithm() =>
        Assert.Equal(StatesErrors.Runtime, (await EvalFails("States.Hash('x', 'SHA-3')")).Error);

    [Fact]
    public async Task JsonMerge_is_shallow_and_the_right_side_wins() =>
        Sfn.JsonEqual("""{"a":{"y":2},"b":1,"c":3}""", await Eval("States.JsonMerge($.l, $.r, false)", """{"l":{"a":{"x":1},"b":1},"r":{"a":{"y":2},"c":3}}"""));

    [Fact]
    public async Task JsonMerge_refuses_deep_merge() =>
        Assert.Equal(StatesErrors.Runtime, (await EvalFails("States.JsonMerge($.l, $.l, true)", """{"l":{}}""")).Error);

    [Fact]
    public async Task MathRandom_stays_within_start_inclusive_end_exclusive()
    {
        for (var i = 0; i < 20; i++)
        {
            var v = (await Eval("States.MathRandom(1, 3)"))!.GetValue<long>();
            Assert.InRange(v, 1, 2);
        }
    }

    [Fact]
    public async Task MathRandom_with_a_seed_is_repeatable() =>
        Assert.Equal((await Eval("States.MathRandom(0, 1000, 7)"))!.GetValue<long>(), (await Eval("States.MathRandom(0, 1000, 7)"))!.GetValue<long>());

    [Fact]
    public async Task MathAdd_adds_integers() =>
        Sfn.JsonEqual("110", await Eval("States.MathAdd($.v, -1)", """{"v":111}"""));

    [Fact]
    public async Task MathAdd_rejects_non_numbers() =>
        Assert.Equal(StatesErrors.Runtime, (await EvalFails("States.MathAdd('1', 1)")).Error);

    [Theory]
    [InlineData(1.49, 1.5, 3)]
    [InlineData(1.5, 1.51, 4)]
    [InlineData(-1.49, -1.5, -2)]
    [InlineData(-1.5, -1.51, -3)]
    [InlineData(-9, 3, -6)]
    public async Task MathAdd_rounds_each_fraction_half_up_as_AWS_records(double first, double second, long sum) =>
        Sfn.JsonEqual(sum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await Eval("States.MathAdd($.fst, $.snd)", $$"""{"fst":{{first.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"snd":{{second.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"""));

    [Fact]
    public async Task StringSplit_splits_on_any_delimiter_character() =>
        Sfn.JsonEqual("""["This","is","a","test","string"]""", await Eval("States.StringSplit('This.is+a,test=string', '.+,=')"));

    [Fact]
    public async Task UUID_returns_a_version_4_uuid()
    {
        var value = (await Eval("States.UUID()"))!.GetValue<string>();
        Assert.True(Guid.TryParse(value, out var guid));
        Assert.Equal(4, guid.Version);
    }

    [Fact]
    public async Task Nested_calls_are_evaluated_inside_out() =>
        Sfn.JsonEqual("2", await Eval("States.ArrayLength(States.StringSplit('a,b', ','))"));

    [Fact]
    public async Task Intrinsics_work_in_ResultSelector()
    {
        var resolver = Sfn.Resolver().MapState("S", _ => Json.Parse("""{"a":[1,2]}""")).Build();
        Sfn.JsonEqual("""{"n":2}""", await Sfn.Output(Sfn.Single("""{"Type":"Task","Resource":"arn:aws:states:::x:y","ResultSelector":{"n.$":"States.ArrayLength($.a)"},"End":true}"""), "{}", resolver));
    }

    [Theory]
    [InlineData("", "null")]
    [InlineData(" ", "null")]
    [InlineData("null", "null")]
    [InlineData("-0", "0")]
    [InlineData("1.1", "1.1")]
    [InlineData("true", "true")]
    [InlineData("\\\"HelloWorld\\\"", "\"HelloWorld\"")]
    [InlineData("[1, 2, \\\"HelloWorld\\\"]", "[1,2,\"HelloWorld\"]")]
    public async Task StringToJson_edge_inputs_give_what_AWS_records(string text, string expected) =>
        Sfn.JsonEqual(expected, (await Eval("States.StringToJson($.s)", "{\"s\":\"" + text + "\"}")));
}
