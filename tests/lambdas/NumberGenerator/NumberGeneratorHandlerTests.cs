using System.Text.Json;
using Lambdas.NumberGenerator;
using Lambdas.Runtime;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.NumberGenerator;

public sealed class NumberGeneratorHandlerTests
{
    private static JsonHandler<NumberGeneratorInput, NumberGeneratorOutput> Handler(int seed = 42) => JsonHandler.Create(
        new NumberGeneratorHandler(new Random(seed)).Handle,
        NumberGeneratorJsonContext.Default.NumberGeneratorInput,
        NumberGeneratorJsonContext.Default.NumberGeneratorOutput,
        NumberGeneratorHandler.Contract);

    [Fact]
    public async Task Output_has_the_contract_shape()
    {
        var json = await Invoke.RawAsync(Handler(), "{}");

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["number", "is_even"], root.EnumerateObject().Select(p => p.Name));
        var number = root.GetProperty("number").GetInt32();
        Assert.InRange(number, 1, 100);
        Assert.Equal(number % 2 == 0, root.GetProperty("is_even").GetBoolean());
    }

    [Fact]
    public void Default_range_is_uniform_over_1_to_100()
    {
        // Chi-square goodness of fit over 100,000 draws. The seed is fixed, so the statistic is one fixed
        // number: the test cannot flake, and a biased generator (off-by-one bounds, modulo bias) fails it.
        var handler = new NumberGeneratorHandler(new Random(20240601));
        var counts = new int[101];
        const int draws = 100_000;
        for (var i = 0; i < draws; i++)
        {
            var output = handler.Handle(new NumberGeneratorInput(), new TestContext());
            Assert.InRange(output.Number, 1, 100);
            Assert.Equal(output.Number % 2 == 0, output.IsEven);
            counts[output.Number]++;
        }

        const double expected = draws / 100.0;
        var chiSquare = counts.Skip(1).Sum(c => (c - expected) * (c - expected) / expected);

        Assert.Equal(0, counts[0]);
        Assert.All(counts.Skip(1), c => Assert.True(c > 0));
        // 99 degrees of freedom: the 0.999 quantile is 148.2.
        Assert.True(chiSquare < 148.2, $"chi-square {chiSquare:F1} says the draws are not uniform");
    }

    [Theory]
    [InlineData("""{"min": 7, "max": 7}""", 7, 7)]
    [InlineData("""{"min": 1000000, "max": 1000000}""", 1_000_000, 1_000_000)]
    [InlineData("""{"min": 1, "max": 1000000}""", 1, 1_000_000)]
    [InlineData("""{"min": 50}""", 50, 100)]
    [InlineData("""{"max": 3}""", 1, 3)]
    [InlineData("""{"min": 10, "max": 20, "other": [1, {"x": null}]}""", 10, 20)]
    public async Task Honours_min_and_max(string input, int low, int high)
    {
        var handler = Handler();
        for (var i = 0; i < 200; i++)
        {
            using var json = JsonDocument.Parse(await Invoke.RawAsync(handler, input));
            Assert.InRange(json.RootElement.GetProperty("number").GetInt32(), low, high);
        }
    }

    [Fact]
    public void Both_ends_of_a_small_range_are_drawn()
    {
        var handler = new NumberGeneratorHandler(new Random(7));
        var seen = Enumerable.Range(0, 200).Select(_ => handler.Handle(new NumberGeneratorInput(3, 5), new TestContext()).Number).ToHashSet();

        Assert.Equal([3, 4, 5], seen.Order());
    }

    [Theory]
    // Empty body
    [InlineData("", "empty")]
    [InlineData("  \n ", "empty")]
    // Malformed JSON
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"min\": 1,}", "not valid JSON")]
    [InlineData("{'min': 1}", "not valid JSON")]
    [InlineData("{\"min\": 1} trailing", "not valid JSON")]
    [InlineData("nul", "not valid JSON")]
    // Not an object
    [InlineData("null", "null")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("42", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    // Wrong types and null fields
    [InlineData("{\"min\": \"5\"}", "Field 'min' must be an integer from 1 to 1000000")]
    [InlineData("{\"max\": 5.5}", "Field 'max' must be an integer from 1 to 1000000")]
    [InlineData("{\"min\": true}", "Field 'min' must be an integer from 1 to 1000000")]
    [InlineData("{\"min\": [1]}", "Field 'min' must be an integer from 1 to 1000000")]
    [InlineData("{\"max\": {\"value\": 1}}", "Field 'max' must be an integer from 1 to 1000000")]
    [InlineData("{\"min\": null}", "Field 'min' must be an integer from 1 to 1000000")]
    [InlineData("{\"max\": 99999999999999999999}", "Field 'max' must be an integer from 1 to 1000000")]
    // Out of range
    [InlineData("{\"min\": 0}", "Field 'min' must be an integer from 1 to 1000000, got 0")]
    [InlineData("{\"min\": -5, \"max\": 5}", "Field 'min' must be an integer from 1 to 1000000, got -5")]
    [InlineData("{\"max\": 1000001}", "Field 'max' must be an integer from 1 to 1000000, got 1000001")]
    [InlineData("{\"min\": 10, \"max\": 9}", "Field 'min' (10) must not be greater than 'max' (9)")]
    [InlineData("{\"min\": 500}", "must not be greater than 'max' (100); max defaults to 100")]
    public async Task Bad_input_is_an_InvalidInputException_that_says_what_is_wrong(string body, string expected)
    {
        var error = await Invoke.FailsAsync<InvalidInputException>(Handler(), body);

        Assert.Contains(expected, error.Message);
        Assert.Contains("Expected a JSON object like", error.Message);
    }

    [Fact]
    public async Task Deeply_nested_input_is_rejected_not_crashed_on()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);

        var error = await Invoke.FailsAsync<InvalidInputException>(Handler(), body);

        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public async Task Input_near_the_6_MB_limit_is_read()
    {
        var padding = new string('x', 6_000_000);

        var json = await Invoke.RawAsync(Handler(), $$"""{"min": 5, "max": 5, "padding": "{{padding}}"}""");

        Assert.Equal("""{"number":5,"is_even":false}""", json);
    }
}
