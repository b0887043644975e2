using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class NavigationTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    [Fact]
    public async Task The_state_machines_list_links_each_deployed_workflow_and_counts_its_executions()
    {
        var arn = await StartAsync("number-processor", """{"min": 3, "max": 3}""");
        await Service.WaitForEndAsync(arn);
        var (numbers, _) = await Service.MachineAsync("number-processor");
        var (container, _) = await Service.MachineAsync("container-task");
        Open("/");
        var row = Find(By.CssSelector($"#machines tr[data-machine='{numbers}']"));
        Find(By.CssSelector($"#machines tr[data-machine='{container}'] a"));
        WaitUntil(() => row.FindElement(By.CssSelector("td[data-count='SUCCEEDED']")).Text != "…", "the execution counts");
        Assert.True(int.Parse(row.FindElement(By.CssSelector("td[data-count='SUCCEEDED']")).Text, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Shot("state-machines");
    }

    [Fact]
    public async Task The_state_machine_page_draws_the_definition_and_filters_its_executions_by_status()
    {
        var failed = await StartAsync("number-processor", """{"min": 9, "max": 2}""");
        var succeeded = await StartAsync("number-processor", """{"min": 2, "max": 2}""");
        await Service.WaitForEndAsync(failed);
        await Service.WaitForEndAsync(succeeded);
        Open(MachinePath(await Service.MachineArnAsync("number-processor")));
        Find(By.CssSelector("#definition-graph g.node[data-state='IsEven']"));
        // Choice rules are labelled; Catch edges are drawn dashed.
        var labels = Driver.FindElements(By.CssSelector("#definition-graph .edge-label")).Select(l => l.Text).ToList();
        Assert.Contains("$.is_even == true", labels);
        Assert.Contains(labels, l => l.StartsWith("Catch States.ALL", StringComparison.Ordinal));
        Assert.NotEmpty(Driver.FindElements(By.CssSelector("#definition-graph path.edge.catch")));
        Find(By.CssSelector($"#executions tr[data-execution='{failed.Split(':')[^1]}']"));
        Shot("state-machine");

        Driver.FindElement(By.CssSelector("#status-filter option[value='FAILED']")).Click();
        WaitUntil(() => Driver.FindElements(By.CssSelector($"#executions tr[data-execution='{succeeded.Split(':')[^1]}']")).Count == 0
            && Driver.FindElements(By.CssSelector($"#executions tr[data-execution='{failed.Split(':')[^1]}']")).Count == 1, "only failed executions");
        Assert.All(Driver.FindElements(By.CssSelector("#executions tbody .pill")), p => Assert.Equal("FAILED", p.GetAttribute("data-status")));
        Assert.Contains("status=FAILED", Driver.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_links_open_the_same_view_after_a_reload()
    {
        var arn = await StartAsync("number-processor", """{"min": 5, "max": 5}""");
        await Service.WaitForEndAsync(arn);
        Open(ExecutionPath(arn) + "?tab=table&state=Odd");
        for (var load = 0; load < 2; load++)
        {
            WaitUntil(() => Driver.FindElement(By.Id("tab-table")).GetAttribute("aria-selected") == "true", "the table view");
            WaitUntil(() => Driver.FindElement(By.CssSelector("#table-step-details h2")).Text.StartsWith("Odd", StringComparison.Ordinal), "Odd's details");
            Assert.Contains("\"parity\": \"odd\"", Driver.FindElement(By.CssSelector("#table-step-details #step-output pre")).Text, StringComparison.Ordinal);
            Driver.Navigate().Refresh();
        }

        Open(MachinePath(await Service.MachineArnAsync("container-task")) + "?start=1");
        Find(By.Id("start-dialog"));

        Open(ExecutionPath(arn.Replace(arn.Split(':')[^1], "no-such-execution", StringComparison.Ordinal)));
        WaitUntil(() => Driver.FindElement(By.Id("main")).Text.Contains("ExecutionDoesNotExist", StringComparison.Ordinal), "the API's error");

        Open("/no/such/view");
        WaitUntil(() => Driver.FindElement(By.TagName("h1")).Text == "Page not found", "the not-found view");
    }
}
