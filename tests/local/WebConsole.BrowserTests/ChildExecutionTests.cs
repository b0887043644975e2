using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

/// <summary>A parent that starts number-processor through states:startExecution.sync:2 (as the orchestrator's
/// jobs do) and its child link to each other: the parent lists its children and its task's details name the
/// child; the child says which execution started it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ChildExecutionTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    /// <summary>Runs a new parent machine whose one Task state, Job, runs number-processor on <paramref name="input"/>.</summary>
    private async Task<(string Parent, string ParentName)> RunParentAsync(string input)
    {
        var numberProcessor = await Service.MachineArnAsync("number-processor");
        var machine = "console-parent-" + Guid.NewGuid().ToString("N")[..8];
        var parameters = JsonNode.Parse(input)!.AsObject();
        parameters["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$"] = "$$.Execution.Id";
        await CreateMachineAsync(machine, new JsonObject
        {
            ["StartAt"] = "Job",
            ["States"] = new JsonObject
            {
                ["Job"] = new JsonObject
                {
                    ["Type"] = "Task",
                    ["Resource"] = "arn:aws:states:::states:startExecution.sync:2",
                    ["Parameters"] = new JsonObject { ["StateMachineArn"] = numberProcessor, ["Input"] = parameters },
                    ["End"] = true,
                },
            },
        });
        var parent = await StartAsync(machine, "{}");
        await Service.WaitForEndAsync(parent, 60);
        return (parent, parent.Split(':')[^1]);
    }

    private void FollowLinkTo(IWebElement link, string arn, string what)
    {
        var name = arn.Split(':')[^1];
        Assert.Equal(name, link.Text);
        link.Click();
        WaitUntil(() => Driver.FindElement(By.CssSelector("main h1")).Text.StartsWith(name, StringComparison.Ordinal), what);
    }

    [Fact]
    public async Task Parent_and_child_executions_link_to_each_other()
    {
        var (parent, parentName) = await RunParentAsync("""{"min": 3, "max": 3}""");
        Open(ExecutionPath(parent));
        WaitForStatus("Job", "succeeded");
        var output = JsonNode.Parse((string)(await Service.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = parent }))["output"]!)!;
        var child = (string)output["ExecutionArn"]!;

        var listed = Find(By.CssSelector("#child-executions a"), "the parent's list of children");
        FollowLinkTo(listed, child, "the child's page");
        WaitForStatus("Odd", "succeeded"); // the child is a number-processor run
        var startedBy = Driver.FindElements(By.CssSelector("#execution-facts a")).Single(a => a.Text == parentName);
        Assert.Contains("(parent execution)", Driver.FindElement(By.Id("execution-facts")).Text, StringComparison.Ordinal);
        Shot("execution-child");

        FollowLinkTo(startedBy, parent, "the parent's page again");
        Node("Job").Click();
        var fromStep = Find(By.CssSelector("#step-details dd a"), "the task's child execution link");
        FollowLinkTo(fromStep, child, "the child's page from the step details");
    }

    [Fact]
    public async Task A_failed_child_is_linked_from_the_parents_failed_step()
    {
        var (parent, _) = await RunParentAsync("""{"min": 10, "max": 1}""");
        var described = await Service.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = parent });
        var child = (string)JsonNode.Parse((string)described["cause"]!)!["ExecutionArn"]!; // the child's DescribeExecution
        Open(ExecutionPath(parent));
        WaitForStatus("Job", "failed");

        Node("Job").Click();
        FollowLinkTo(Find(By.CssSelector("#step-details dd a"), "the failed task's child execution link"), child, "the failed child's page");
        WaitForStatus("ProcessingFailed", "failed");
        Assert.Equal("caught", Status("NumberGenerator"));
    }
}
