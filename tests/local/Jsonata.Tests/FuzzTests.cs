using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Jsonata.Tests;

/// <summary>
/// Random expressions (token soup, raw characters, generated well-formed expressions) over random documents:
/// the engine may only ever throw <see cref="JsonataException"/> (never crash), and the depth/time limits end every
/// evaluation (never hang; a watchdog fails the test if one case runs away).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly JsonataEnvironment Limited = JsonataEnvironment.Standard.WithLimits(200, TimeSpan.FromSeconds(2));

    [Theory]
    [InlineData(1, 7000)]
    [InlineData(2, 7000)]
    [InlineData(3, 7000)]
    public async Task Random_input_only_ever_raises_jsonata_errors(int seed, int count)
    {
        var generator = new ExpressionGenerator(seed);
        var documents = Enumerable.Range(0, 50).Select(_ => JsonNode.Parse(generator.Document())).ToList();
        var crashes = new List<string>();
        int parseErrors = 0, evaluationErrors = 0, limits = 0, values = 0;
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var source = (i % 3) switch
            {
                0 => generator.TokenSoup(),
                1 => generator.RawString(),
                _ => generator.Expression(),
            };
            var document = documents[i % documents.Count];
            var watch = Stopwatch.StartNew();
            var run = Task.Run(() =>
            {
                JsonataExpression expression;
                try
                {
                    expression = JsonataExpression.Parse(source);
                }
                catch (JsonataException)
                {
                    return 0;
                }
                try
                {
                    expression.Evaluate(document, null, Limited);
                    return 1;
                }
                catch (JsonataLimitException)
                {
                    return 3;
                }
                catch (JsonataException)
                {
                    return 2;
                }
            });
            int outcome;
            try
            {
                outcome = await run.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"hang: {source}");
                return;
            }
            catch (Exception e)
            {
                crashes.Add($"{source}  @ {document?.ToJsonString()}\n  {e}");
                continue;
            }
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
            switch (outcome)
            {
                case 0: parseErrors++; break;
                case 1: values++; break;
                case 2: evaluationErrors++; break;
                default: limits++; break;
            }
        }
        output.WriteLine($"fuzz seed {seed}: {count} cases, {parseErrors} parse errors, {evaluationErrors} evaluation errors, " +
            $"{limits} limit errors, {values} values, {crashes.Count} crashes, slowest {slowest.TotalMilliseconds:F0} ms");
        Assert.True(crashes.Count == 0, $"{crashes.Count} crashes:\n" + string.Join("\n", crashes.Take(10)));
    }

    [Theory]
    [InlineData("($f := function($x){ $f($x) + 1 }; $f(1))")]
    [InlineData("($f := function($x){ $x > 1e9 ? $x : $f($x + 1) }; $f(0))")]
    [InlineData("[1..10000000].($ * 2)")]
    [InlineData("($g := function($n){ [1..1000].$g($n) }; $g(0))")]
    [InlineData("((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))")]
    public async Task Runaway_expressions_end_with_a_limit_error(string source)
    {
        var environment = JsonataEnvironment.Standard.WithLimits(200, TimeSpan.FromSeconds(1));
        var run = Task.Run(() =>
        {
            try
            {
                JsonataExpression.Parse(source).Evaluate(JsonNode.Parse("{}"), null, environment);
                return null;
            }
            catch (JsonataException e)
            {
                return e.Code;
            }
        });
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code is null or "U1001" or "U1002", $"unexpected {code}");
    }

    [Fact]
    public void Deeply_nested_source_is_a_limit_error_not_a_stack_overflow()
    {
        var source = new string('(', 100_000) + "1" + new string(')', 100_000);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var e = Assert.ThrowsAny<JsonataException>(() => JsonataExpression.Parse(source).Evaluate(JsonNode.Parse("{}")));
                Assert.Equal("U1001", e.Code);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }
}
