using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

/// <summary>The orchestrator's schedule on its state machine's page, and what started an execution on its page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SchedulePanelTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    [Fact]
    public async Task The_orchestrators_page_shows_its_schedule_as_deployed()
    {
        Open(MachinePath(await Service.MachineArnAsync("orchestrator")));

        var panel = Find(By.CssSelector("#schedule-panel .schedule-card"), "the schedule panel");
        Assert.Equal("cron(0 2 * * ? *)", panel.FindElement(By.CssSelector(".schedule-expression")).Text);
        Assert.Equal("UTC", panel.FindElement(By.CssSelector(".schedule-timezone")).Text);
        Assert.Equal("○ Disabled", panel.FindElement(By.CssSelector(".schedule-state")).Text);
        Assert.Contains("None while disabled", panel.FindElement(By.CssSelector(".schedule-next")).Text, StringComparison.Ordinal);
        Assert.Equal("None yet.", panel.FindElement(By.CssSelector(".schedule-runs")).Text);
        Shot("schedule-panel");
    }

    [Fact]
    public async Task A_machine_no_schedule_targets_has_no_panel()
    {
        Open(MachinePath(await Service.MachineArnAsync("number-processor")));
        Find(By.CssSelector("#definition-graph g.node[data-state='IsEven']"));

        // The panel reads ListSchedules before it would show; give it the time to answer.
        WaitUntil(() => (bool)Script("return performance.getEntriesByType('resource').some(e => e.name.includes('/schedules?TargetArn='))")!, "the ListSchedules read");
        Assert.False(Driver.FindElement(By.Id("schedule-panel")).Displayed);
    }

    [Fact]
    public async Task The_execution_page_says_what_started_it()
    {
        var arn = await StartAsync("number-processor", """{"min": 4, "max": 4}""");

        Open(ExecutionPath(arn));

        // Read inside the wait: the live view re-renders the summary as the execution ends, which replaces the field.
        var startedBy = "";
        WaitUntil(() => (startedBy = Driver.FindElement(By.Id("started-by")).Text) != "", "the Started by field");
        Assert.Equal("an SDK or HTTP client", startedBy);
    }
}
