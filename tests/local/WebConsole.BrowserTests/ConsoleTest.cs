using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace WebConsole.BrowserTests;

/// <summary>What every console test does with the browser: open a view, wait for what a user would see,
/// read a state's status in the graph, take a screenshot.</summary>
public abstract class ConsoleTest(ConsoleFixture fixture)
{
    protected ConsoleFixture Fixture { get; } = fixture;
    protected ChromeDriver Driver => Fixture.Driver;
    protected ConsoleServer Service => Fixture.Service;

    protected void Open(string path) => Driver.Navigate().GoToUrl(Fixture.Url(path));

    protected static string ExecutionPath(string arn) => "/executions/" + Uri.EscapeDataString(arn);
    protected static string MachinePath(string arn) => "/state-machines/" + Uri.EscapeDataString(arn);

    /// <summary>Polls until <paramref name="condition"/> holds; on timeout saves a screenshot and fails with
    /// what the page showed.</summary>
    protected void WaitUntil(Func<bool> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (WebDriverException e)
            {
                last = e; // element replaced by a live update, or not there yet
            }
            Thread.Sleep(100);
        }
        var shot = Path.Combine(ConsoleFixture.Screenshots, "failed-" + what.Replace(' ', '-').Replace('/', '-') + ".png");
        Driver.GetScreenshot().SaveAsFile(shot);
        var text = Driver.FindElement(By.TagName("body")).Text;
        Assert.Fail($"Timed out waiting for {what} ({Driver.Url}); screenshot {shot}; last error {last?.Message}\nPage:\n{text}\nServer log:\n{Service.Log}");
    }

    protected IWebElement Find(By by, string? what = null)
    {
        IWebElement? found = null;
        WaitUntil(() => (found = Driver.FindElements(by).FirstOrDefault(e => e.Displayed)) is not null, what ?? by.ToString());
        return found!;
    }

    protected IWebElement Node(string state) => Driver.FindElement(By.CssSelector($"g.node[data-state='{state}']"));

    /// <summary>A state's status in the graph (data-status: succeeded, failed, caught, running, aborted, notrun).</summary>
    protected string Status(string state) => Node(state).GetAttribute("data-status") ?? "";

    /// <summary>The words the graph shows for the state's status (the badge), so status never rests on colour.</summary>
    protected string Badge(string state) => Node(state).FindElement(By.CssSelector("text.badge")).Text;

    protected void WaitForStatus(string state, string status, int seconds = 30) =>
        WaitUntil(() => Status(state) == status, $"{state} {status}", seconds);

    protected void Shot(string name) =>
        Driver.GetScreenshot().SaveAsFile(Path.Combine(ConsoleFixture.Screenshots, name + ".png"));

    protected object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    protected async Task<string> StartAsync(string machine, string input, string? name = null)
    {
        var started = await Service.CallAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = await Service.MachineArnAsync(machine),
            ["name"] = name ?? $"{machine}-{Guid.NewGuid():N}"[..40],
            ["input"] = input,
        });
        return (string)started["executionArn"]!;
    }

    protected async Task<string> CreateMachineAsync(string name, JsonObject definition)
    {
        var created = await Service.CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = name,
            ["definition"] = definition.ToJsonString(),
            ["roleArn"] = "arn:aws:iam::123456789012:role/console-tests",
        });
        return (string)created["stateMachineArn"]!;
    }
}
