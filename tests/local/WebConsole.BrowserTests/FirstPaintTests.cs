using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace WebConsole.BrowserTests;

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

        // 1. The browser's first page of the session: modules, dagre and the layout all cold.
        var first = Paint(arn);
        // 2. A warm browser (the console open on its list) meeting this definition for the first time: the layout is
        //    computed (localStorage emptied), the modules are loaded.
        var fresh = new List<Sample>();
        for (var run = 0; run < 4; run++)
        {
            Open("/");
            WaitUntil(() => Driver.FindElements(By.CssSelector("main table")).Count > 0, "the list");
            Script("localStorage.clear()");
            fresh.Add(Paint(arn));
        }
        // 3. Reloads: the layout comes from localStorage.
        var cached = Enumerable.Range(0, 4).Select(_ => Paint(arn)).ToList();

        var nodes = Driver.FindElements(By.CssSelector("#execution-graph g.node"));
        Assert.Equal(States, nodes.Count);
        Assert.Equal(States, Driver.FindElements(By.CssSelector("#execution-graph g.node[data-status='succeeded']")).Count);

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        var report = string.Create(CultureInfo.InvariantCulture,
            $"first paint of a {States}-state execution ({events} events), navigation → graph with every state's status, medians: " +
            $"new definition in the open console {Median(fresh, s => s.Navigation):F0} ms (layout {Median(fresh, s => s.Layout):F0} ms, drawing {Median(fresh, s => s.Draw):F0} ms); " +
            $"layout cached {Median(cached, s => s.Navigation):F0} ms; " +
            $"the browser's first page of the session {first.Navigation:F0} ms (page code started at {first.PageStart:F0} ms, layout {first.Layout:F0} ms); " +
            $"headless Chromium, load average {load} on {Environment.ProcessorCount} cores");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(ConsoleServer.RepositoryRoot, "artifacts", "console", "first-paint.txt"), report + Environment.NewLine);
    }

    /// <summary>A job net of the manifest's maximum, 20 jobs in four layers: the Jobs view's first paint (navigation →
    /// the graph with every job's status from the runs table), while the run runs. Written to
    /// artifacts/console/first-paint-jobs.txt.</summary>
    [Fact]
    public async Task A_20_job_runs_jobs_view_paints_every_job_with_its_status()
    {
        var run = "paint-" + Guid.NewGuid().ToString("N")[..8];
        var jobs = new JsonArray();
        for (var i = 0; i < 20; i++)
        {
            var job = new JsonObject { ["name"] = $"job-{i:D2}", ["workflow"] = "number-processor", ["input"] = new JsonObject { ["min"] = 1, ["max"] = 10 } };
            if (i >= 5)
            {
                job["depends_on"] = new JsonArray($"job-{i - 5:D2}", $"job-{(i - 4) % 5 + (i / 5 - 1) * 5:D2}");
            }
            jobs.Add(job);
        }
        var arn = await StartAsync("orchestrator", new JsonObject { ["run_id"] = run, ["max_concurrency"] = 5, ["jobs"] = jobs }.ToJsonString());
        try
        {
            // The first layer's records written: the view has statuses of every kind to paint.
            Open(ExecutionPath(arn));
            WaitUntil(() => Driver.FindElements(By.CssSelector("#jobs-graph .job-node[data-status='succeeded']")).Count >= 5, "the first layer done", 90);
            var fresh = new List<Sample>();
            for (var i = 0; i < 4; i++)
            {
                Open("/");
                WaitUntil(() => Driver.FindElements(By.CssSelector("main table")).Count > 0, "the list");
                fresh.Add(Paint(arn));
                Assert.Equal(20, Driver.FindElements(By.CssSelector("#jobs-graph .job-node[data-status]")).Count);
            }
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
            var report = string.Create(CultureInfo.InvariantCulture,
                $"first paint of the Jobs view of a 20-job run (4 layers), navigation → every job with its status from the runs table, median of 4 in the open console: " +
                $"{Median(fresh, s => s.Navigation):F0} ms (range {fresh.Min(s => s.Navigation):F0}–{fresh.Max(s => s.Navigation):F0} ms); headless Chromium, load average {load} on {Environment.ProcessorCount} cores");
            output.WriteLine(report);
            File.WriteAllText(Path.Combine(ConsoleServer.RepositoryRoot, "artifacts", "console", "first-paint-jobs.txt"), report + Environment.NewLine);
        }
        finally
        {
            await Service.CallAsync("StopExecution", new JsonObject { ["executionArn"] = arn });
        }
    }

    private sealed record Sample(double Navigation, double PageStart, double Layout, double Draw);

    /// <summary>Opens the execution and reads the page's own figures once the graph is painted with statuses.</summary>
    private Sample Paint(string arn)
    {
        Open(ExecutionPath(arn));
        WaitUntil(() => Script("return document.body.dataset.painted === 'true'") is true, "the first paint");
        return new Sample(Number("return window.consoleFirstPaintSinceNavigationMs"), Number("return window.consoleFirstPaintParts.pageStart"),
            Number("return window.consoleFirstPaintParts.layout"), Number("return window.consoleFirstPaintParts.draw"));
    }

    private static double Median(List<Sample> samples, Func<Sample, double> figure) => samples.Select(figure).Order().ElementAt(samples.Count / 2);

    private double Number(string script) => Convert.ToDouble(Script(script), CultureInfo.InvariantCulture);

}
