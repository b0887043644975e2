using System.Text;
using Lambda.Local;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.Fuzz;

/// <summary>
/// Hostile payloads must never crash a function: every answer is a valid response or a structured error with a
/// known errorType, and the same runtime keeps serving.
/// </summary>
public sealed class FuzzTests
{
    private const int InProcessPayloads = 10_000;
    // The shipped Native AOT bootstrap answers in ~0.1 ms warm, so the published process gets as many as the loop.
    private const int ProcessPayloads = 10_000;

    [Theory]
    [InlineData("number-generator", 1)]
    [InlineData("even", 2)]
    [InlineData("odd", 3)]
    public async Task Ten_thousand_payloads_through_the_loop_get_valid_answers(string function, int seed)
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => Functions.Create(function), recordCalls: false);
        var fuzzer = new PayloadFuzzer(seed, Functions.Seeds(function));
        var problems = new List<string>();
        var errors = 0;

        for (var i = 0; i < InProcessPayloads; i++)
        {
            var payload = fuzzer.Next();
            var outcome = await runtime.InvokeAsync(payload);
            var response = outcome.Response is null ? null : Encoding.UTF8.GetString(outcome.Response);
            errors += outcome.Error is null ? 0 : 1;
            if (AnswerCheck.Problem(function, response, outcome.Error) is { } problem)
            {
                problems.Add($"{Convert.ToBase64String(payload[..Math.Min(payload.Length, 200)])}: {problem}");
            }
        }

        Assert.Empty(problems);
        Assert.False(runtime.Loop.IsCompleted, "the runtime loop stopped");
        // Both kinds of answer were exercised, not only rejections.
        Assert.InRange(errors, 1, InProcessPayloads - 1);
    }

    [Theory]
    [InlineData("number-generator", 11)]
    [InlineData("even", 12)]
    [InlineData("odd", 13)]
    public async Task Ten_thousand_payloads_against_the_published_bootstrap_never_crash_it(string function, int seed)
    {
        await using var local = new LocalFunction(new LocalFunctionOptions
        {
            BootstrapPath = await PublishedBootstraps.PathOfAsync(function),
            FunctionName = function,
            Timeout = TimeSpan.FromSeconds(30),
            InitTimeout = TimeSpan.FromSeconds(60),
        });
        var fuzzer = new PayloadFuzzer(seed, Functions.Seeds(function));
        var problems = new List<string>();
        var cold = 0;

        for (var i = 0; i < ProcessPayloads; i++)
        {
            var payload = Encoding.UTF8.GetString(fuzzer.Next());
            var result = await local.InvokeAsync(payload);
            cold += result.Cold ? 1 : 0;
            if (AnswerCheck.Problem(function, result.Payload, result.Error) is { } problem)
            {
                problems.Add($"{payload[..Math.Min(payload.Length, 200)]}: {problem}");
            }
        }

        Assert.Empty(problems);
        Assert.Equal(1, cold);
    }
}
