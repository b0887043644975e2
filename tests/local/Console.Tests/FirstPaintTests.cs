using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Console.Tests;

/// <summary>An execution of 200 states: every state drawn with its status. The time to the first painted
/// graph is printed and written to artifacts/console/first-paint.txt (a figure for README, not an assertion).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FirstPaintTests(ConsoleFixture fixture, ITestOutputHelper output) : ConsoleTest(fixture)
{
    private const int States = 200;

    [Fact]
    public async Task An_execution_of_200_states_paints_every_state_with_its_status()
    {
        var states = new JsonObject();
        for (var i = 0; i < States; i++)
        {
            var state = new JsonObject { ["Type"] = "Pass", ["Result"] = new JsonObject { ["step"] = i }, ["ResultPath"] = $"$.r{i % 10}" };
            if (i < States - 1)
            {
                state["Next"] = $"Step{i + 1:D3}";
            }
            else
            {
                state["End"] = true;
            }
            states[$"Step{i:D3}"] = state;
        }
        var machine = "console-200-" + Guid.NewGuid().ToString("N")[..8];
        await CreateMachineAsync(machine, new JsonObject { ["StartAt"] = "Step000", ["States"] = states });
        var arn = await StartAsync(machine, "{}");
        await Service.WaitForEndAsync(arn, 60);

        var history = await Service.CallAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 });
        var events = history["events"]!.AsArray().Count;

        var samples = new List<(double Page, double Navigation)>();
        for (var run = 0; run < 5; run++)
        {
            Open(ExecutionPath(arn));
            WaitUntil(() => Script("return document.body.dataset.painted === 'true'") is true, "the first paint");
            samples.Add((Number("return window.consoleFirstPaintMs"), Number("return window.consoleFirstPaintSinceNavigationMs")));
        }
        var nodes = Driver.FindElements(By.CssSelector("#execution-graph g.node"));
        Assert.Equal(States, nodes.Count);
        Assert.Equal(States, Driver.FindElements(By.CssSelector("#execution-graph g.node[data-status='succeeded']")).Count);

        // The first load lays the graph out (dagre); later loads find the layout in localStorage.
        var cold = samples[0];
        var warm = samples.Skip(1).Select(s => s.Navigation).Order().ToList();
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        var report = string.Create(CultureInfo.InvariantCulture,
            $"first paint of a {States}-state execution ({events} events), navigation → graph with every state's status: " +
            $"first load {cold.Navigation:F0} ms (of which API calls + layout + drawing {cold.Page:F0} ms); " +
            $"{warm.Count} later loads (layout cached) min {warm[0]:F0} ms, median {warm[warm.Count / 2]:F0} ms; " +
            $"headless Chromium, load average {load} on {Environment.ProcessorCount} cores");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(ConsoleServer.RepositoryRoot, "artifacts", "console", "first-paint.txt"), report + Environment.NewLine);
    }

    private double Number(string script) => Convert.ToDouble(Script(script), CultureInfo.InvariantCulture);

}
