using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

/// <summary>The Test state panel (pages/test-state.js): opened from a state machine's graph and from an execution's
/// step, its members edited, run through the server's TestState, and the answer shown; the state's definition edited
/// in the panel leaves the machine as it is.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TestStatePanelTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    private void Type(string id, string text)
    {
        var field = Driver.FindElement(By.Id(id));
        field.Clear();
        field.SendKeys(text);
    }

    private void Choose(string selectId, string value) => Driver.FindElement(By.CssSelector($"#{selectId} option[value='{value}']")).Click();

    private string Value(string id) => Driver.FindElement(By.Id(id)).GetAttribute("value") ?? "";

    /// <summary>Runs the test and waits for the answer's status (read inside the wait: each run replaces the result).</summary>
    private void RunAndWaitFor(string status)
    {
        var before = Driver.FindElements(By.Id("test-status")).FirstOrDefault();
        Driver.FindElement(By.Id("test-run")).Click();
        WaitUntil(() => Driver.FindElements(By.Id("test-status")).FirstOrDefault() is { } pill && !pill.Equals(before)
            && pill.GetAttribute("data-status") == status, $"test status {status}");
    }

    private bool Shows(string css, string text) => Driver.FindElement(By.CssSelector(css)).Text.Contains(text, StringComparison.Ordinal);

    [Fact]
    public async Task A_state_chosen_in_the_graph_is_tested_then_edited_and_tested_again_without_changing_the_machine()
    {
        var (_, arn) = await Service.MachineAsync("number-processor");
        Open(MachinePath(arn));
        Find(By.CssSelector("g.node[data-state='IsEven']")).Click();
        Find(By.Id("test-state-dialog"));
        Assert.Equal("IsEven", Value("test-state-name"));
        Assert.Contains("\"Type\": \"Choice\"", Value("test-definition"), StringComparison.Ordinal);
        Assert.Contains("test=IsEven", Driver.Url, StringComparison.Ordinal);

        Type("test-input", """{"number": 3, "is_even": false}""");
        RunAndWaitFor("SUCCEEDED");
        WaitUntil(() => Shows("#test-next-state", "Odd"), "next state Odd");
        WaitUntil(() => Shows("#test-processing li[data-step='input'] pre", "\"is_even\": false"), "the state input as a processing step");

        Type("test-definition", """{"Type": "Choice", "Choices": [{"Variable": "$.number", "NumericGreaterThan": 2, "Next": "Big"}], "Default": "Small"}""");
        RunAndWaitFor("SUCCEEDED");
        WaitUntil(() => Shows("#test-next-state", "Big"), "next state Big of the edited definition");
        var machine = await Service.CallAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn });
        Assert.DoesNotContain("\"Big\"", (string)machine["definition"]!, StringComparison.Ordinal);

        // The server decides what is valid: a mock on a Choice state is refused with AWS's message.
        Choose("test-mock-kind", "result");
        Driver.FindElement(By.Id("test-run")).Click();
        WaitUntil(() => Shows("#test-problem", "ValidationException") && Shows("#test-problem", "State type 'Choice' is not supported when a mock is specified"),
            "the server's refusal of a mocked Choice");
        Driver.FindElement(By.Id("test-close")).Click();
        WaitUntil(() => Driver.FindElements(By.Id("test-state-dialog")).Count == 0 && !Driver.Url.Contains("test=", StringComparison.Ordinal), "the panel closed");
    }

    [Fact]
    public async Task A_step_of_an_execution_is_tested_with_its_recorded_input_and_result_then_with_a_mocked_error_at_each_retry()
    {
        var execution = await StartAsync("number-processor", """{"min": 4, "max": 4}""");
        await Service.WaitForEndAsync(execution);
        Open(ExecutionPath(execution));
        WaitForStatus("Even", "succeeded");
        Node("Even").Click();
        WaitUntil(() => Driver.FindElement(By.Id("step-title")).Text.StartsWith("Even", StringComparison.Ordinal), "Even's details");
        Find(By.Id("step-test-state")).Click();
        Find(By.Id("test-state-dialog"));
        Assert.Equal("Even", Value("test-state-name"));
        Assert.Contains("\"number\": 4", Value("test-input"), StringComparison.Ordinal);
        Assert.Equal("result", Value("test-mock-kind"));
        Assert.Contains("\"parity\": \"even\"", Value("test-mock-result"), StringComparison.Ordinal);

        RunAndWaitFor("SUCCEEDED");
        WaitUntil(() => Shows("#test-processing li[data-step='afterParameters'] pre", "\"FunctionName\"")
            && Shows("#test-processing li[data-step='output'] pre", "\"parity\": \"even\""), "the processing steps of the recorded result");

        Choose("test-mock-kind", "error");
        Type("test-mock-error", "Lambda.ServiceException");
        Type("test-mock-cause", "the service broke");
        Type("test-retry-count", "1");
        RunAndWaitFor("RETRIABLE");
        WaitUntil(() => Shows("#test-retry", "4 s (Retrier #0)"), "the next retry interval");

        Type("test-retry-count", "6");
        RunAndWaitFor("CAUGHT_ERROR");
        WaitUntil(() => Shows("#test-next-state", "ProcessingFailed") && Shows("#test-catch", "#0")
            && Shows("#test-processing li[data-step='output'] pre", "the service broke"), "the Catcher's next state and output");
        // Tall enough for the whole panel, the form and the answer, in README's picture.
        var size = Driver.Manage().Window.Size;
        Driver.Manage().Window.Size = new System.Drawing.Size(size.Width, 1500);
        Shot("test-state");
        Driver.Manage().Window.Size = size;
        Driver.FindElement(By.Id("test-close")).Click();
    }
}
