using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class RedriveTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    [Fact]
    public async Task Stop_and_redrive_follow_awss_rules_and_a_failed_run_is_redriven_from_its_page()
    {
        // The simulated container exits 1, so this run fails (after its failure notification).
        var arn = await StartAsync("container-task", "{}");
        await Service.WaitForEndAsync(arn);
        Open(ExecutionPath(arn));
        WaitForStatus("ContainerTaskFailed", "failed");
        var stop = Driver.FindElement(By.Id("stop-execution"));
        var redrive = Driver.FindElement(By.Id("redrive-execution"));
        Assert.False(stop.Enabled);   // only a RUNNING execution can be stopped
        Assert.True(redrive.Enabled); // FAILED, STANDARD, within 14 days

        redrive.Click();
        Find(By.Id("confirm-ok")).Click();
        WaitUntil(() => Driver.FindElement(By.Id("execution-facts")).Text.Contains("Redrives", StringComparison.Ordinal), "the redrive count");
        var described = await Service.WaitForEndAsync(arn);
        Assert.Equal(1, (int)described["redriveCount"]!);
        var history = await Service.CallAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 });
        Assert.Contains(history["events"]!.AsArray(), e => (string)e!["type"]! == "ExecutionRedriven");
        // The page follows the redriven run to its end without a reload.
        WaitUntil(() => Driver.FindElement(By.Id("execution-status")).Text.Contains("Failed", StringComparison.Ordinal), "the redriven run's end");

        // A succeeded execution cannot be redriven; the page says why.
        var succeeded = await StartAsync("number-processor", """{"min": 2, "max": 2}""");
        await Service.WaitForEndAsync(succeeded);
        Open(ExecutionPath(succeeded));
        WaitForStatus("Even", "succeeded");
        Assert.False(Driver.FindElement(By.Id("redrive-execution")).Enabled);
        Assert.False(Driver.FindElement(By.Id("stop-execution")).Enabled);
    }

    [Fact]
    public async Task A_failed_orchestrator_run_is_redriven_from_its_page_and_lists_its_children()
    {
        // One job succeeds, one fails (min > max): the run fails at its resume gate with JobsFailed, as on AWS.
        var run = "console-" + Guid.NewGuid().ToString("N")[..8];
        var arn = await StartAsync("orchestrator", """
            {"run_id": "RUN", "jobs": [
              {"name": "ok", "workflow": "number-processor", "input": {"min": 2, "max": 2}},
              {"name": "bad", "workflow": "number-processor", "input": {"min": 10, "max": 1}}]}
            """.Replace("RUN", run, StringComparison.Ordinal));
        Assert.Equal("FAILED", (string)(await Service.WaitForEndAsync(arn, 120))["status"]!);
        Open(ExecutionPath(arn));
        WaitForStatus("ResumeGate", "failed");
        Assert.Equal("JobsFailed", Driver.FindElement(By.Id("execution-error-code")).Text);
        // Both jobs' child executions are linked from the run's page, and the resume gate that held the run.
        WaitUntil(() => Driver.FindElements(By.CssSelector("#child-executions a")).Select(a => a.Text).Order(StringComparer.Ordinal)
            .SequenceEqual([$"{run}.bad", $"{run}.gate.0.0", $"{run}.ok"]), "the run's two jobs and its gate");
        Shot("execution-orchestrator");

        var redrive = Driver.FindElement(By.Id("redrive-execution"));
        Assert.True(redrive.Enabled);
        redrive.Click();
        Find(By.Id("confirm-ok")).Click();
        WaitUntil(() => Driver.FindElement(By.Id("execution-facts")).Text.Contains("Redrives", StringComparison.Ordinal), "the redrive count");
        var described = await Service.WaitForEndAsync(arn, 120);
        Assert.Equal(1, (int)described["redriveCount"]!);
        // The redrive reruns the gate, which lets the run through: only the failed job runs again (and fails
        // again, its input being wrong), the one that succeeded does not.
        var history = (await Service.CallAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 }))["events"]!.AsArray();
        var afterRedrive = history.SkipWhile(e => (string)e!["type"]! != "ExecutionRedriven").Select(e => (string)e!["type"]!).ToList();
        Assert.Equal(("ExecutionRedriven", "ExecutionFailed"), (afterRedrive[0], afterRedrive[^1]));
        Assert.Equal(1, afterRedrive.Count(t => t == "MapIterationStarted"));
        WaitUntil(() => Driver.FindElements(By.CssSelector("#child-executions a")).Select(a => a.Text).Order(StringComparer.Ordinal)
            .SequenceEqual([$"{run}.bad", $"{run}.bad.r1", $"{run}.gate.0.0", $"{run}.gate.0.1", $"{run}.gate.1.1", $"{run}.ok"]),
            "the rerun of the failed job only, the gate that let it through (0.1) and the one that held it again (1.1)");
        WaitForStatus("ResumeGate", "failed");
    }

    [Fact]
    public async Task A_running_execution_is_stopped_from_its_page()
    {
        var machine = "console-stop-" + Guid.NewGuid().ToString("N")[..8];
        await CreateMachineAsync(machine, JsonNode.Parse("""
            {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 60, "End": true}}}
            """)!.AsObject());
        var arn = await StartAsync(machine, "{}");
        Open(ExecutionPath(arn));
        WaitForStatus("Pause", "running");
        Driver.FindElement(By.Id("stop-execution")).Click();
        Find(By.Id("stop-error")).SendKeys("Operator.Stopped");
        Driver.FindElement(By.Id("confirm-ok")).Click();
        WaitUntil(() => Driver.FindElement(By.Id("execution-status")).Text.Contains("Aborted", StringComparison.Ordinal), "ABORTED");
        WaitForStatus("Pause", "aborted");
        Assert.Equal("ABORTED", (string)(await Service.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn }))["status"]!);
        Assert.True(Driver.FindElement(By.Id("redrive-execution")).Enabled); // ABORTED can be redriven
    }
}
