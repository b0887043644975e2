using System.Text.Json.Nodes;
using Workflows.Local.Cli;

namespace Workflows.Local.Tests;

/// <summary>The number processor on the real packaged bootstraps (artifacts/lambdas, built by `make package`).</summary>
public sealed class NumberProcessorTests
{
    [Theory]
    [InlineData(4, "even", "Even")]
    [InlineData(7, "odd", "Odd")]
    public async Task A_number_goes_to_the_function_of_its_parity(int number, string parity, string state)
    {
        using var scratch = Repo.Scratch();
        var view = new StringWriter();

        var outcome = await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor, $$"""{"min": {{number}}, "max": {{number}}}"""), scratch.Paths, new TerminalView(view));

        Assert.Equal("SUCCEEDED", outcome.Result.StatusText);
        Assert.Equal($$"""{"number":{{number}},"parity":"{{parity}}"}""", outcome.Result.Output!.ToJsonString());
        Assert.Equal(["NumberGenerator", "IsEven", state], EnteredStates(outcome));
        Assert.Contains($"number {number} is {parity}", view.ToString(), StringComparison.Ordinal);
        Assert.Contains("cold start", view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generated_number_is_in_range_and_routed_by_its_parity()
    {
        using var scratch = Repo.Scratch();

        var outcome = await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor), scratch.Paths);

        var number = outcome.Result.Output!["number"]!.GetValue<int>();
        Assert.InRange(number, 1, 100);
        Assert.Equal(number % 2 == 0 ? "even" : "odd", outcome.Result.Output!["parity"]!.GetValue<string>());
        Assert.Equal(1, outcome.FunctionPools["number-generator"].Instances);
    }

    [Fact]
    public async Task A_function_error_is_caught_into_a_failed_execution_without_retrying_it()
    {
        using var scratch = Repo.Scratch();

        var outcome = await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor, """{"min": 0}"""), scratch.Paths);

        Assert.Equal("FAILED", outcome.Result.StatusText);
        Assert.Equal("NumberProcessingFailed", outcome.Result.Error);
        var failed = Assert.Single(Events(outcome, "TaskFailed"));
        Assert.Equal("InvalidInputException", failed["taskFailedEventDetails"]!["error"]!.GetValue<string>());
        Assert.Contains("min", failed["taskFailedEventDetails"]!["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_is_written_as_GetExecutionHistory_json()
    {
        using var scratch = Repo.Scratch();

        var outcome = await WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor, """{"min": 2, "max": 2}"""), scratch.Paths);

        var written = JsonNode.Parse(File.ReadAllText(outcome.HistoryPath))!["events"]!.AsArray();
        Assert.Equal("ExecutionStarted", written[0]!["type"]!.GetValue<string>());
        Assert.Equal("ExecutionSucceeded", written[^1]!["type"]!.GetValue<string>());
        Assert.Equal(outcome.Result.History.Count, written.Count);
    }

    internal static IEnumerable<JsonNode> Events(RunOutcome outcome, string type) =>
        outcome.Result.HistoryToJson()["events"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == type).Select(e => e!);

    private static string[] EnteredStates(RunOutcome outcome) =>
        [.. outcome.Result.HistoryToJson()["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>().EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => e!["stateEnteredEventDetails"]!["name"]!.GetValue<string>())];
}
