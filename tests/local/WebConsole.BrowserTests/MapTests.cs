using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class MapTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    /// <summary>A Map whose last item fails inside its iteration (caught by the Map's Catch), beside a Parallel.</summary>
    private const string Definition = """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 2, "Next": "TooBig"}], "Default": "Fine"},
              "Fine": {"Type": "Pass", "End": true},
              "TooBig": {"Type": "Fail", "Error": "TooBig", "Cause": "the item is over 2"}}},
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Both"}],
            "Next": "Both"},
          "Both": {"Type": "Parallel", "Branches": [
            {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
            {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "End": true}}}], "End": true}}}
        """;

    [Fact]
    public async Task Map_iterations_are_shown_one_by_one_and_containers_are_nested_boxes()
    {
        var machine = "console-map-" + Guid.NewGuid().ToString("N")[..8];
        await CreateMachineAsync(machine, JsonNode.Parse(Definition)!.AsObject());
        var arn = await StartAsync(machine, """{"items": [1, 2, 1, 3]}""");
        await Service.WaitForEndAsync(arn);

        Open(ExecutionPath(arn));
        WaitForStatus("Left", "succeeded");
        Assert.Equal("caught", Status("Fan"));
        Assert.Equal("succeeded", Status("Right"));
        // Across all iterations a failed entry shows; the boxes of the Map and of the Parallel's two branches.
        Assert.Equal("failed", Status("TooBig"));
        var boxes = Driver.FindElements(By.CssSelector("#execution-graph .cluster-label")).Select(l => l.Text).ToList();
        Assert.Equal(["Map Fan", "Parallel Both", "Branch 1", "Branch 2"], boxes);

        // One iteration at a time, from the Map's details and from the chooser above the graph.
        Node("Fan").Click();
        var iterations = Find(By.CssSelector("#map-iterations button[data-iteration='3']"));
        Assert.Equal(4, Driver.FindElements(By.CssSelector("#map-iterations button")).Count);
        Assert.Contains("Failed", iterations.Text, StringComparison.Ordinal);
        iterations.Click();
        WaitUntil(() => Status("Fine") == "notrun" && Status("TooBig") == "failed", "iteration 3");
        Assert.Contains("iteration=Fan%3A3", Driver.Url, StringComparison.Ordinal);
        Driver.FindElement(By.CssSelector("#iteration-Fan option[value='0']")).Click();
        WaitUntil(() => Status("Fine") == "succeeded" && Status("TooBig") == "notrun", "iteration 0");

        // The iteration survives a reload, and the details of a state are those of that iteration.
        Open(ExecutionPath(arn) + "?state=Check&iteration=Fan:1");
        WaitUntil(() => Driver.FindElements(By.CssSelector("#step-details dd")).Any(d => d.Text == "Fan #1"), "Check in iteration 1");
        Assert.Equal("2", Driver.FindElement(By.CssSelector("#step-input pre")).Text);
        Shot("execution-map");
    }
}
