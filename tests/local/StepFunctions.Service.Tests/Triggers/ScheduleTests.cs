using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.Triggers;

/// <summary>The orchestrator's schedule in scaled time: fired when enabled, silent as deployed (disabled).</summary>
public sealed class ScheduleTests
{
    private static readonly HttpClient Client = new();

    private static Task<ServerProcess> StartAsync(string timeScale, Dictionary<string, string> environment) =>
        ServerProcess.StartAsync(arguments: $"--time-scale {timeScale}", environment: environment);

    [Fact]
    public async Task An_enabled_schedule_starts_runs_at_its_times_with_its_input()
    {
        // rate(1 minute) at TIME_SCALE=0.01: a run every 0.6 s.
        await using var server = await StartAsync("0.01", new() { ["SCHEDULE"] = "on", ["SCHEDULE_EXPRESSION"] = "rate(1 minute)" });

        var described = (await AwsCli.SchedulerAsync(server.Endpoint, "get-schedule", "--name", TriggerServer.Schedule)).Ok;
        Assert.Equal("ENABLED", described["State"]!.GetValue<string>());
        Assert.Equal("rate(1 minute)", described["ScheduleExpression"]!.GetValue<string>());
        Assert.Equal(TriggerServer.Orchestrator, described["Target"]!["Arn"]!.GetValue<string>());

        var runs = await WaitForScheduledRunsAsync(server.Endpoint, 2);

        var times = runs.Select(run => ScheduledTime(run)).Order().ToList();
        Assert.Equal(TimeSpan.FromMinutes(1), times[1] - times[0]); // on the schedule's (scaled) clock
        Assert.All(runs, run => Assert.Equal("schedule", run["localStartedBy"]!.GetValue<string>()));
        // The deployed input (terraform/deployment.json), its context attribute replaced.
        var input = JsonNode.Parse(runs[0]["input"]!.GetValue<string>())!;
        Assert.Equal(["numbers", "report"], input["jobs"]!.AsArray().Select(job => job!["name"]!.GetValue<string>()));

        var local = await Client.GetFromJsonAsync<JsonObject>($"{server.Endpoint}/schedules/{TriggerServer.Schedule}");
        // When they fire, in real time: a scaled minute apart (0.6 s at TIME_SCALE=0.01), as the runs' start dates are.
        var next = local!["LocalNextFireTimes"]!.AsArray().Select(t => t!.GetValue<double>()).ToList();
        Assert.Equal(5, next.Count);
        Assert.All(next.Zip(next.Skip(1)), pair => Assert.Equal(0.6, pair.Second - pair.First, 0.002));
        Assert.Contains(local["LocalStartedExecutions"]!.AsArray(), e => e!["executionArn"]!.GetValue<string>() == runs[0]["executionArn"]!.GetValue<string>());
        Assert.Equal(["SCHEDULE=on", "SCHEDULE_EXPRESSION=rate(1 minute)"], local["LocalOverrides"]!.AsArray().Select(o => o!.GetValue<string>()));
    }

    [Fact]
    public async Task A_cron_override_fires_in_scaled_time_too()
    {
        // Every minute, as AWS writes it (six fields, '?' for the day of the week).
        await using var server = await StartAsync("0.01", new() { ["SCHEDULE"] = "on", ["SCHEDULE_EXPRESSION"] = "cron(* * * * ? *)", ["SCHEDULE_TIMEZONE"] = "Europe/Paris" });

        var runs = await WaitForScheduledRunsAsync(server.Endpoint, 2);

        var times = runs.Select(run => ScheduledTime(run)).Order().ToList();
        Assert.Equal(TimeSpan.FromMinutes(1), times[1] - times[0]);
        Assert.All(times, time => Assert.Equal(0, time.Second));
    }

    [Fact]
    public async Task A_schedule_disabled_as_deployed_starts_nothing()
    {
        // Fast enough to have fired dozens of times while the test looks, had it been enabled.
        await using var server = await StartAsync("0.001", new() { ["SCHEDULE_EXPRESSION"] = "rate(1 minute)" });

        var described = (await AwsCli.SchedulerAsync(server.Endpoint, "get-schedule", "--name", TriggerServer.Schedule)).Ok;
        Assert.Equal("DISABLED", described["State"]!.GetValue<string>());
        var local = await Client.GetFromJsonAsync<JsonObject>($"{server.Endpoint}/schedules/{TriggerServer.Schedule}");
        Assert.Empty(local!["LocalNextFireTimes"]!.AsArray());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(await TriggerServer.ExecutionsAsync(server.Endpoint));
        Assert.Contains("DISABLED (SCHEDULE=on enables it)", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_schedule_is_not_found_as_scheduler_says_it()
    {
        await using var server = await StartAsync("0", []);

        var missing = await AwsCli.SchedulerAsync(server.Endpoint, "get-schedule", "--name", "nightly");

        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        var listed = (await AwsCli.SchedulerAsync(server.Endpoint, "list-schedules")).Ok;
        Assert.Equal([TriggerServer.Schedule], listed["Schedules"]!.AsArray().Select(s => s!["Name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("SCHEDULE", "sometimes", "SCHEDULE/--schedule must be on or off")]
    [InlineData("SCHEDULE_EXPRESSION", "cron(0 2 * * *)", "SCHEDULE_EXPRESSION/SCHEDULE_TIMEZONE: 'cron(0 2 * * *)' has 5 fields")]
    public async Task A_bad_schedule_setting_stops_the_server_with_one_sentence(string setting, string value, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("0", new() { [setting] = value }));

        Assert.Contains($"sfn-service: {message}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<JsonObject>> WaitForScheduledRunsAsync(string endpoint, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var runs = (await TriggerServer.ExecutionsAsync(endpoint)).Where(e => e["localStartedBy"]?.GetValue<string>() == "schedule").ToList();
            if (runs.Count >= count)
            {
                return runs.Take(count).ToList();
            }
            Assert.True(DateTime.UtcNow < deadline, $"the schedule started {runs.Count} of {count} runs in 60 s");
            await Task.Delay(100);
        }
    }

    // The run_id is nightly-<aws.scheduler.scheduled-time>.
    private static DateTimeOffset ScheduledTime(JsonObject run) => DateTimeOffset.Parse(
        JsonNode.Parse(run["input"]!.GetValue<string>())!["run_id"]!.GetValue<string>()["nightly-".Length..], CultureInfo.InvariantCulture);
}
