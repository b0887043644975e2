using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

/// <summary>Step details show the log lines the Lambda function wrote in that step, which the page reads from the
/// service's CloudWatch Logs API as one would on AWS, for a succeeded and for a caught failure.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LambdaLogsTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    private string Logs() => Driver.FindElement(By.CssSelector("#lambda-logs pre.logs")).Text;

    private void SelectState(string state)
    {
        Node(state).Click();
        WaitUntil(() => Driver.FindElement(By.Id("step-title")).Text.StartsWith(state, StringComparison.Ordinal), $"{state}'s details");
    }

    /// <summary>Runs number-processor with <paramref name="input"/>, opens the execution, selects <paramref name="state"/>
    /// once it shows <paramref name="status"/> and waits for its log lines to contain <paramref name="logged"/>.</summary>
    private async Task<string> OpenLogsAsync(string input, string state, string status, string logged)
    {
        var arn = await StartAsync("number-processor", input);
        await Service.WaitForEndAsync(arn);
        Open(ExecutionPath(arn));
        WaitForStatus(state, status);
        SelectState(state);
        WaitUntil(() => Logs().Contains(logged, StringComparison.Ordinal), $"{state}'s log lines");
        return arn;
    }

    [Fact]
    public async Task The_lambda_states_details_show_the_functions_log_lines()
    {
        var arn = await OpenLogsAsync("""{"min": 5, "max": 5}""", "Odd", "succeeded", "number 5 is odd");
        Assert.DoesNotContain("is even", Logs(), StringComparison.Ordinal);
        Script("arguments[0].scrollIntoView({block: 'center'})", Driver.FindElement(By.Id("lambda-logs")));
        Shot("step-lambda-logs");

        Assert.Contains("platform.report", Logs(), StringComparison.Ordinal); // Lambda's own lines frame the invocation
        Assert.Contains("/aws/lambda/serverless-workflows-odd", Driver.FindElement(By.Id("lambda-logs")).Text, StringComparison.Ordinal);

        // Another state's lines are its own: the generator logs nothing itself when it succeeds, so only Lambda's
        // platform lines for its invocation are there.
        SelectState("NumberGenerator");
        WaitUntil(() => Driver.FindElements(By.CssSelector("#lambda-logs pre.logs")).Count == 1 && Logs().Contains("platform.start", StringComparison.Ordinal),
            "NumberGenerator's log lines");
        Assert.DoesNotContain("is odd", Logs(), StringComparison.Ordinal);
        Assert.Equal(2, Logs().Split('\n').Length); // platform.start and platform.report

        // A state that is no Lambda task has no logs section.
        SelectState("IsEven");
        Assert.Empty(Driver.FindElements(By.Id("lambda-logs")));

        // A deep link to the state lands on the same lines.
        Open(ExecutionPath(arn) + "?state=Odd");
        WaitUntil(() => Driver.FindElements(By.CssSelector("#lambda-logs pre.logs")).Count == 1 && Logs().Contains("number 5 is odd", StringComparison.Ordinal),
            "Odd's log lines after a reload");
    }

    [Fact]
    public async Task A_failed_lambda_attempt_shows_what_the_function_logged_before_failing()
    {
        await OpenLogsAsync("""{"min": 10, "max": 1}""", "NumberGenerator", "caught", "Invocation failed");
        Assert.Contains("min", Logs(), StringComparison.Ordinal); // the InvalidInputException's message names the field
    }
}
