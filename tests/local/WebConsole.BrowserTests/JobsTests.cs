using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace WebConsole.BrowserTests;

/// <summary>
/// A job net's run shown as jobs: the Jobs view (the manifest's graph, statuses changing live from the runs table,
/// a job blocked by a failed one), the selected job's details, the Timeline, Rerun failed jobs (a redrive that
/// reruns only the failed and blocked jobs) and the Runs grid across two runs of one series. The failing job is a
/// number-processor whose input is wrong (min above max), so it fails for real on every attempt.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class JobsTests(ConsoleFixture fixture) : ConsoleTest(fixture)
{
    private static string Manifest(string run, string series, int badMin) => $$$"""
        {"run_id": "{{{run}}}", "series": "{{{series}}}", "deadline_seconds": 600, "jobs": [
          {"name": "prepare", "workflow": "number-processor", "input": {"min": 1, "max": 10}},
          {"name": "bad", "workflow": "number-processor", "input": {"min": {{{badMin}}}, "max": 1}, "depends_on": ["prepare"]},
          {"name": "after", "workflow": "number-processor", "input": {"min": 1, "max": 10}, "depends_on": ["bad"]},
          {"name": "aside", "workflow": "number-processor", "input": {"min": 1, "max": 10}}
        ]}
        """;

    private string JobStatus(string job) => Driver.FindElement(By.CssSelector($"#jobs-graph .job-node[data-job='{job}']")).GetAttribute("data-status") ?? "";

    private void Save(string name) => Driver.GetScreenshot().SaveAsFile(Path.Combine(ConsoleServer.RepositoryRoot, "artifacts", "console", name + ".png"));

    [Fact]
    public async Task A_failed_job_nets_run_is_shown_as_jobs_live_rerun_from_the_jobs_view_and_gridded_across_runs()
    {
        var series = "drill-" + Guid.NewGuid().ToString("N")[..6];
        var run = series + "-1";
        var arn = await StartAsync("orchestrator", Manifest(run, series, 10));
        Open(ExecutionPath(arn));

        // The Jobs view is the run's default tab: its four jobs, depends_on as edges, each status live.
        Find(By.CssSelector("#tab-jobs[aria-selected='true']"), "the Jobs tab, open by default");
        Assert.Equal(4, Driver.FindElements(By.CssSelector("#jobs-graph .job-node")).Count);
        Assert.Equal(2, Driver.FindElements(By.CssSelector("#jobs-graph path[data-edge]")).Count);
        WaitUntil(() => JobStatus("bad") is "waiting" or "running", "bad waiting for prepare", 60);
        WaitUntil(() => JobStatus("prepare") == "succeeded", "prepare succeeded", 60);
        WaitUntil(() => JobStatus("bad") == "failed" && JobStatus("after") == "blocked", "bad failed and after blocked", 150);
        Assert.Equal("succeeded", JobStatus("aside"));
        Assert.Contains("Blocked", Driver.FindElement(By.CssSelector(".job-node[data-job='after']")).Text, StringComparison.Ordinal);
        Assert.Equal("FAILED", (string)(await Service.WaitForEndAsync(arn, 60))["status"]!);

        // A job's details: its error, its record, its child execution linked.
        var bad = Driver.FindElement(By.CssSelector(".job-node[data-job='bad']"));
        bad.Click();
        WaitUntil(() => Driver.FindElement(By.Id("job-details")).Text.Contains("Error", StringComparison.Ordinal), "bad's error");
        Assert.Equal($"{run}.bad", Find(By.CssSelector("#job-child a")).Text);
        Assert.Contains("\"record\": \"JOB#bad\"", Driver.FindElement(By.Id("job-details")).Text, StringComparison.Ordinal);
        Save("jobs");

        // The timeline: a bar per job that ran, waits and runs apart.
        Driver.FindElement(By.Id("tab-timeline")).Click();
        Find(By.Id("timeline"));
        Assert.Equal(4, Driver.FindElements(By.CssSelector("#timeline .timeline-row")).Count);
        Assert.NotEmpty(Driver.FindElements(By.CssSelector(".timeline-row[data-job='bad'] .bar[data-status='waiting']")));
        Assert.NotEmpty(Driver.FindElements(By.CssSelector(".timeline-row[data-job='prepare'] .bar[data-status='running']")));
        Assert.Contains("Deadline", Driver.FindElement(By.Id("timeline-scale")).Text, StringComparison.Ordinal);
        Save("timeline");

        // Rerun failed jobs: the dialog names the failed and blocked jobs; the run resumes with only those.
        Driver.FindElement(By.Id("tab-jobs")).Click();
        var rerun = Driver.FindElement(By.Id("redrive-execution"));
        Assert.Equal("Rerun failed jobs", rerun.Text);
        rerun.Click();
        Assert.Equal(["bad", "after"], Find(By.Id("rerun-jobs")).FindElements(By.TagName("li")).Select(li => li.Text));
        Find(By.Id("confirm-ok")).Click();
        WaitUntil(() => Driver.FindElement(By.Id("execution-facts")).Text.Contains("Redrives", StringComparison.Ordinal), "the redrive count");
        Assert.Equal("FAILED", (string)(await Service.WaitForEndAsync(arn, 150))["status"]!);
        var children = (await Service.CallAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = await Service.MachineArnAsync("number-processor"), ["maxResults"] = 1000 }))["executions"]!
            .AsArray().Select(e => (string)e!["name"]!).Where(n => n.StartsWith(run + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal([$"{run}.aside", $"{run}.bad", $"{run}.bad.r1", $"{run}.prepare"], children);
        WaitUntil(() => JobStatus("bad") == "failed" && JobStatus("after") == "blocked", "bad failed again, after blocked again", 30);

        // A second run of the series, fixed: the Runs grid shows both, a row per run, a column per job.
        var second = await StartAsync("orchestrator", Manifest(series + "-2", series, 1));
        Assert.Equal("SUCCEEDED", (string)(await Service.WaitForEndAsync(second, 150))["status"]!);
        Open($"/runs/{Uri.EscapeDataString(await Service.MachineArnAsync("orchestrator"))}?series={series}");
        Find(By.Id("runs-grid"));
        string Cell(string runId, string job) => Driver.FindElement(By.CssSelector($"#runs-grid tr[data-run='{runId}'] td[data-job='{job}']")).GetAttribute("data-status") ?? "";
        Assert.Equal([series + "-2", run], Driver.FindElements(By.CssSelector("#runs-grid tbody tr")).Select(r => r.GetAttribute("data-run")));
        Assert.Equal(["succeeded", "failed", "blocked", "succeeded"], new[] { "prepare", "bad", "after", "aside" }.Select(job => Cell(run, job)));
        Assert.All(new[] { "prepare", "bad", "after", "aside" }, job => Assert.Equal("succeeded", Cell(series + "-2", job)));
        Save("runs");
    }
}
