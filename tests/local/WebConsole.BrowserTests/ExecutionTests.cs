using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class ExecutionTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    [Fact]
    public async Task Number_processor_started_from_the_dialog_reaches_succeeded_in_the_graph_and_shows_a_states_input_and_output()
    {
        var (machine, _) = await Service.MachineAsync("number-processor");
        Open("/");
        Find(By.LinkText(machine)).Click();
        Find(By.Id("start-execution")).Click();
        var input = Find(By.Id("start-input"));
        input.Clear();
        input.SendKeys("""{"min": 4, "max": 4}""");
        var name = Driver.FindElement(By.Id("start-name"));
        name.Clear();
        name.SendKeys("even-from-the-dialog-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal("✓ Valid JSON", Driver.FindElement(By.Id("start-input-check")).Text);
        Shot("start-execution");
        Driver.FindElement(By.Id("start-submit")).Click();

        WaitUntil(() => Driver.Url.Contains("/executions/", StringComparison.Ordinal), "the execution page");
        WaitForStatus("Even", "succeeded");
        Assert.Equal("succeeded", Status("NumberGenerator"));
        Assert.Equal("succeeded", Status("IsEven"));
        Assert.Equal("notrun", Status("Odd"));
        Assert.Equal("notrun", Status("ProcessingFailed"));
        Assert.Contains("Succeeded", Badge("Even"), StringComparison.Ordinal);
        Assert.Contains("Not run", Badge("Odd"), StringComparison.Ordinal);
        WaitUntil(() => Driver.FindElement(By.Id("execution-status")).Text.Contains("Succeeded", StringComparison.Ordinal), "the execution's status");

        // Keyboard only: the graph's states are buttons in the tab order.
        Node("Even").SendKeys(Keys.Enter);
        WaitUntil(() => Driver.FindElement(By.Id("step-title")).Text.StartsWith("Even", StringComparison.Ordinal), "Even's details");
        var stepInput = Driver.FindElement(By.CssSelector("#step-input pre")).Text;
        var stepOutput = Driver.FindElement(By.CssSelector("#step-output pre")).Text;
        Assert.Contains("\"number\": 4", stepInput, StringComparison.Ordinal);
        Assert.Contains("\"is_even\": true", stepInput, StringComparison.Ordinal);
        Assert.Contains("\"parity\": \"even\"", stepOutput, StringComparison.Ordinal);
        Assert.Contains("state=Even", Driver.Url, StringComparison.Ordinal);
        // The effect of each processing step, replayed by the server's TestState with the recorded result.
        var parameters = Find(By.CssSelector("#processing-steps li[data-step='afterParameters'] pre")).Text;
        Assert.Contains("\"FunctionName\"", parameters, StringComparison.Ordinal);
        Assert.Contains("\"parity\": \"even\"", Driver.FindElement(By.CssSelector("#processing-steps li[data-step='output'] pre")).Text, StringComparison.Ordinal);
        Shot("execution-succeeded");
    }

    [Fact]
    public async Task The_start_dialog_checks_the_json_and_the_name_before_sending()
    {
        Open(MachinePath(await Service.MachineArnAsync("number-processor")));
        Find(By.Id("start-execution")).Click();
        var input = Find(By.Id("start-input"));
        input.Clear();
        input.SendKeys("""{"min": }""");
        var check = Driver.FindElement(By.Id("start-input-check"));
        Assert.StartsWith("Not valid JSON at line 1, column 9", check.Text, StringComparison.Ordinal);
        Assert.False(Driver.FindElement(By.Id("start-submit")).Enabled);

        input.Clear();
        input.SendKeys("""{"min": 1}""");
        Assert.True(Driver.FindElement(By.Id("start-submit")).Enabled);
        var name = Driver.FindElement(By.Id("start-name"));
        name.Clear();
        name.SendKeys("has space");
        Assert.Contains("whitespace", Driver.FindElement(By.Id("start-name-help")).Text, StringComparison.Ordinal);
        Assert.False(Driver.FindElement(By.Id("start-submit")).Enabled);

        // The examples are local/examples/number-processor-*.json (the orchestrator's manifests are offered on
        // its page the same way); every machine has {}.
        var examples = Driver.FindElements(By.CssSelector("#start-example option")).Select(o => o.Text).ToList();
        Assert.Contains("1 to 10 (local/examples/number-processor-1-to-10.json)", examples);
        Assert.Contains("Empty input", examples);
        Driver.FindElement(By.CssSelector("#start-example option[value='0']")).Click();
        Assert.Equal("{\n  \"min\": 1,\n  \"max\": 10\n}", Driver.FindElement(By.Id("start-input")).GetAttribute("value"));
        Driver.FindElement(By.Id("start-cancel")).Click();
        WaitUntil(() => Driver.FindElements(By.Id("start-dialog")).Count == 0, "the dialog to close");
    }

    [Fact]
    public async Task A_failing_container_task_shows_its_failed_and_caught_states_by_colour_and_by_word()
    {
        var arn = await StartAsync("container-task", "{}");
        await Service.WaitForEndAsync(arn);
        Open(ExecutionPath(arn));
        WaitForStatus("ContainerTaskFailed", "failed");
        Assert.Equal("caught", Status("RunContainerTask"));
        Assert.Equal("succeeded", Status("NotifyFailure"));
        Assert.Equal("notrun", Status("NotifySuccess"));
        Assert.Contains("Caught error", Badge("RunContainerTask"), StringComparison.Ordinal);
        Assert.Contains("Failed", Badge("ContainerTaskFailed"), StringComparison.Ordinal);
        Assert.Equal("ContainerTaskFailed", Driver.FindElement(By.Id("execution-error-code")).Text);

        // Colours differ per status, and every badge reads at 4.5:1 or more against its box (WCAG AA).
        var fills = new[] { "RunContainerTask", "ContainerTaskFailed", "NotifyFailure", "NotifySuccess" }
            .Select(s => (string)Script("return getComputedStyle(arguments[0].querySelector('rect.box')).fill", Node(s))!).ToList();
        Assert.Equal(fills.Count, fills.Distinct().Count());
        var worst = Convert.ToDouble(Script(ContrastScript), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(worst >= 4.5, $"lowest badge contrast {worst:F2}:1");

        Node("RunContainerTask").Click();
        WaitUntil(() => Driver.FindElement(By.Id("step-title")).Text.StartsWith("RunContainerTask", StringComparison.Ordinal), "the task's details");
        Assert.Equal("States.TaskFailed", Driver.FindElement(By.CssSelector("#step-details .step-error")).Text);
        Shot("execution-failed");

        Driver.FindElement(By.Id("tab-table")).Click();
        var row = Find(By.CssSelector("#steps tr[data-step='RunContainerTask']"));
        Assert.Contains("Caught error", row.Text, StringComparison.Ordinal);

        Driver.FindElement(By.Id("tab-events")).Click();
        Find(By.CssSelector("#event-kind option[value='errors']")).Click();
        WaitUntil(() => Driver.FindElements(By.CssSelector("#events tbody tr")).Count == 2, "the failure events");
        Assert.Equal(["TaskFailed", "ExecutionFailed"], Driver.FindElements(By.CssSelector("#events tbody tr")).Select(r => r.GetAttribute("data-type")));
        Driver.FindElement(By.CssSelector("#event-kind option[value='all']")).Click();
        Driver.FindElement(By.Id("event-filter")).SendKeys("NotifyFailure");
        WaitUntil(() => Driver.FindElement(By.Id("event-count")).Text.StartsWith("5 of", StringComparison.Ordinal), "NotifyFailure's events");
        Assert.Contains("q=NotifyFailure", Driver.Url, StringComparison.Ordinal);
        Shot("execution-events");
    }

    [Fact]
    public async Task The_graph_updates_live_while_the_execution_runs()
    {
        var machine = "console-live-" + Guid.NewGuid().ToString("N")[..8];
        await CreateMachineAsync(machine, JsonNode.Parse("""
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 8, "Next": "Finish"},
              "Finish": {"Type": "Pass", "End": true}}}
            """)!.AsObject());
        var arn = await StartAsync(machine, "{}");
        Open(ExecutionPath(arn));
        WaitForStatus("Pause", "running", 10);
        Assert.Equal("notrun", Status("Finish"));
        Script("window.stillTheSamePage = true");
        WaitForStatus("Finish", "succeeded", 20);
        Assert.Equal("succeeded", Status("Pause"));
        Assert.Equal(true, Script("return window.stillTheSamePage === true"));
    }

    /// <summary>The lowest contrast ratio between a graph badge's text and its box's fill on the page.</summary>
    private const string ContrastScript = """
        const lum = (c) => { const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        let worst = 21;
        for (const n of document.querySelectorAll('g.node')) {
          const a = lum(getComputedStyle(n.querySelector('text.badge')).fill), b = lum(getComputedStyle(n.querySelector('rect.box')).fill);
          worst = Math.min(worst, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
        }
        return worst;
        """;
}
