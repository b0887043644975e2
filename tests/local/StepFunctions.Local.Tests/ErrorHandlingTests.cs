using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.States;

namespace StepFunctions.Local.Tests;

/// <summary>Retry and Catch as the ASL spec's "Error Handling" section and AWS's error-handling page define them.</summary>
public class ErrorHandlingTests
{
    /// <summary>A task that fails with <paramref name="error"/> for its first <paramref name="failures"/> calls.</summary>
    private static (IResourceResolver Resolver, Func<int> Calls) Flaky(int failures, string error = "Boom")
    {
        var calls = 0;
        var resolver = Sfn.Resolver().MapState("T", (input, _, _) =>
        {
            var n = Interlocked.Increment(ref calls);
            if (n <= failures)
            {
                throw new StatesException(error, $"failure {n}");
            }
            return ValueTask.FromResult<JsonNode?>(JsonValue.Create(n));
        }).Build();
        return (resolver, () => calls);
    }

    private static string Task(string extra) => extra.Contains("\"Catch\"", StringComparison.Ordinal)
        ? Sfn.Fill("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y",{extra}"End":true},"Caught":{"Type":"Pass","End":true}}}""", ("extra", extra))
        : Sfn.Fill("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y",{extra}"End":true}}}""", ("extra", extra));

    [Fact]
    public async Task Without_Retry_an_error_fails_the_execution_with_its_name_and_cause()
    {
        var (resolver, _) = Flaky(1);
        var result = await Sfn.Failure("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true}}}""", "{}", resolver);
        Assert.Equal(("Boom", "failure 1"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Retry_reruns_the_task_until_it_succeeds()
    {
        var (resolver, calls) = Flaky(2);
        Sfn.JsonEqual("3", await Sfn.Output(Task("""
            "Retry":[{"ErrorEquals":["Boom"]}],
            """), "{}", resolver));
        Assert.Equal(3, calls());
    }

    [Fact]
    public async Task MaxAttempts_defaults_to_three_retries()
    {
        var (resolver, calls) = Flaky(100);
        await Sfn.Failure(Task("""
            "Retry":[{"ErrorEquals":["States.ALL"]}],
            """), "{}", resolver);
        Assert.Equal(4, calls());
    }

    [Fact]
    public async Task MaxAttempts_zero_never_retries()
    {
        var (resolver, calls) = Flaky(100);
        await Sfn.Failure(Task("""
            "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}],
            """), "{}", resolver);
        Assert.Equal(1, calls());
    }

    [Fact]
    public async Task Only_the_first_matching_retrier_applies_even_when_exhausted()
    {
        var (resolver, calls) = Flaky(100);
        await Sfn.Failure(Task("""
            "Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":1},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],
            """), "{}", resolver);
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task A_retrier_that_does_not_match_is_skipped()
    {
        var (resolver, calls) = Flaky(100);
        await Sfn.Failure(Task("""
            "Retry":[{"ErrorEquals":["Other"],"MaxAttempts":5}],
            """), "{}", resolver);
        Assert.Equal(1, calls());
    }

    [Fact]
    public async Task Catch_routes_to_Next_with_Error_and_Cause_as_output()
    {
        var (resolver, _) = Flaky(100);
        Sfn.JsonEqual("""{"Error":"Boom","Cause":"failure 1"}""", await Sfn.Output(Task("""
            "Catch":[{"ErrorEquals":["Boom"],"Next":"Caught"}],
            """), "{}", resolver));
    }

    [Fact]
    public async Task Catch_ResultPath_keeps_the_input_and_adds_the_error()
    {
        var (resolver, _) = Flaky(100);
        Sfn.JsonEqual("""{"in":1,"err":{"Error":"Boom","Cause":"failure 1"}}""", await Sfn.Output(Task("""
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught","ResultPath":"$.err"}],
            """), """{"in":1}""", resolver));
    }

    [Fact]
    public async Task Catch_applies_after_retries_are_exhausted()
    {
        var (resolver, calls) = Flaky(100);
        await Sfn.Output(Task("""
            "Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":2}],"Catch":[{"ErrorEquals":["Boom"],"Next":"Caught"}],
            """), "{}", resolver);
        Assert.Equal(3, calls());
    }

    [Fact]
    public async Task States_TaskFailed_matches_any_task_error()
    {
        var (resolver, _) = Flaky(100, "Custom.Error");
        await Sfn.Output(Task("""
            "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}],
            """), "{}", resolver);
    }

    [Fact]
    public async Task States_TaskFailed_does_not_match_States_Timeout()
    {
        var (resolver, _) = Flaky(100, StatesErrors.Timeout);
        var result = await Sfn.Failure(Task("""
            "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}],
            """), "{}", resolver);
        Assert.Equal(StatesErrors.Timeout, result.Error);
    }

    [Fact]
    public async Task States_ALL_does_not_catch_States_Runtime()
    {
        var result = await Sfn.Failure(Task("""
            "InputPath":"$.missing","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],
            """));
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task States_Runtime_is_never_retried()
    {
        var calls = 0;
        var resolver = Sfn.Resolver().MapState("T", (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new StatesException(StatesErrors.Runtime, "fatal");
        }).Build();
        await Sfn.Failure(Task("""
            "Retry":[{"ErrorEquals":["States.ALL"]}],
            """), "{}", resolver);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task RetryCount_in_the_context_object_counts_retries()
    {
        var seen = new List<int>();
        var resolver = Sfn.Resolver().MapState("T", (input, _, _) =>
        {
            lock (seen)
            {
                seen.Add(input!["retry"]!.GetValue<int>());
            }
            return seen.Count < 3 ? throw new StatesException("Boom", null) : ValueTask.FromResult<JsonNode?>(null);
        }).Build();
        await Sfn.Output(Task("""
            "Parameters":{"retry.$":"$$.State.RetryCount"},"Retry":[{"ErrorEquals":["Boom"]}],
            """), "{}", resolver);
        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public async Task An_exception_from_a_handler_uses_its_short_type_name_as_error()
    {
        var resolver = Sfn.Resolver().MapState("T", _ => throw new InvalidOperationException("bad")).Build();
        var result = await Sfn.Failure("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::x:y","End":true}}}""", "{}", resolver);
        Assert.Equal(("InvalidOperationException", "bad"), (result.Error, result.Cause));
    }

    [Fact]
    public void Backoff_multiplies_the_interval_per_attempt() =>
        Assert.Equal([2.0, 4.0, 8.0], [.. Enumerable.Range(0, 3).Select(a => RetryPolicy.DelaySeconds(new Retrier(["x"], 2, 6, 2), a))]);

    [Fact]
    public void MaxDelaySeconds_caps_the_delay() =>
        Assert.Equal(5.0, RetryPolicy.DelaySeconds(new Retrier(["x"], 2, 6, 2, MaxDelaySeconds: 5), 4));

    [Fact]
    public void Full_jitter_picks_a_delay_between_zero_and_the_computed_one()
    {
        var random = new Random(1);
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(RetryPolicy.DelaySeconds(new Retrier(["x"], 2, 6, 2, FullJitter: true), 2, random), 0, 8);
        }
    }

    [Fact]
    public async Task Retry_counters_reset_when_the_state_is_left_and_entered_again()
    {
        var calls = 0;
        var resolver = Sfn.Resolver().MapState("T", (input, _, _) =>
        {
            var n = Interlocked.Increment(ref calls);
            // Fail every odd call: each visit needs exactly one retry.
            return n % 2 == 1 ? throw new StatesException("Boom", null) : ValueTask.FromResult<JsonNode?>(input);
        }).Build();
        var definition = """
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::x:y","Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":1}],"Next":"Loop"},
          "Loop":{"Type":"Choice","Choices":[{"Variable":"$.round","NumericLessThan":3,"Next":"Inc"}],"Default":"Done"},
          "Inc":{"Type":"Pass","Parameters":{"round.$":"States.MathAdd($.round, 1)"},"Next":"T"},
          "Done":{"Type":"Succeed"}}}
        """;
        Sfn.JsonEqual("""{"round":3}""", await Sfn.Output(definition, """{"round":0}""", resolver));
    }
}
