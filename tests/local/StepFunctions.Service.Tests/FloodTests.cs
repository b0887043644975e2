using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>
/// A flood against a server with small bounds (README's "Limits"): many StartExecution, EXPRESS starts and live
/// streams at once. The server stays up, refuses what is beyond a cap with ThrottlingException, and loses no
/// execution it answered with an ARN even though its write backlog is full (back-pressure instead of refusal).
/// </summary>
public sealed class FloodTests : IAsyncLifetime
{
    private const int MaxExpressRuns = 4;
    private const int MaxLiveStreams = 2;
    private const string Throttling = "com.amazon.coral.availability#ThrottlingException";
    private const string Quick = """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}""";
    private const string Hour = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    private ServerProcess? server;

    private string Endpoint => server!.Endpoint;

    // Real time: the EXPRESS runs and the streamed execution wait an hour, holding their slots for the whole test.
    public async Task InitializeAsync() => server = await ServerProcess.StartAsync(
        arguments: $"--time-scale 1 --max-express-runs {MaxExpressRuns} --max-live-streams {MaxLiveStreams} --max-queued-writes 8");

    public async Task DisposeAsync() => await server!.DisposeAsync();

    [Fact]
    public async Task A_flood_of_starts_and_streams_is_served_throttled_beyond_the_caps_and_loses_no_accepted_execution()
    {
        var quick = await CreateAsync(Quick, "STANDARD");
        var quickExpress = await CreateAsync(Quick, "EXPRESS");
        var hourExpress = await CreateAsync(Hour, "EXPRESS");
        var watched = (await RawHttp.CallAsync(Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = await CreateAsync(Hour, "STANDARD") }))["executionArn"]!.GetValue<string>();

        // All at once: 300 STANDARD starts (their ~2,400 history writes through a backlog of 8), 40 EXPRESS starts
        // of runs that last an hour, 10 streams of a running execution.
        var standard = Enumerable.Range(0, 300).Select(_ => StartAsync(quick)).ToList();
        var express = Enumerable.Range(0, 40).Select(_ => StartAsync(hourExpress)).ToList();
        var streams = Enumerable.Range(0, 10).Select(_ => OpenStreamAsync(watched)).ToList();
        await Task.WhenAll([.. standard, .. express, .. streams.Select(s => (Task)s)]);

        var expressAnswers = express.Select(t => t.Result).ToList();
        Assert.Equal(MaxExpressRuns, expressAnswers.Count(a => a.Status == 200));
        Assert.All(expressAnswers.Where(a => a.Status != 200), a => AssertThrottled(a.Status, a.Body));

        var openStreams = streams.Select(t => t.Result).Where(r => r.IsSuccessStatusCode).ToList();
        Assert.Equal(MaxLiveStreams, openStreams.Count);
        Assert.All(openStreams, r => Assert.Equal("text/event-stream", r.Content.Headers.ContentType?.MediaType));
        foreach (var refused in streams.Select(t => t.Result).Where(r => !r.IsSuccessStatusCode))
        {
            AssertThrottled((int)refused.StatusCode, JsonNode.Parse(await refused.Content.ReadAsStringAsync())!.AsObject());
        }

        // While the EXPRESS slots are all taken, a synchronous EXPRESS start and an EXPRESS child are refused too.
        var sync = await RawHttp.PostAsync(Endpoint, "AWSStepFunctions.StartSyncExecution", new JsonObject { ["stateMachineArn"] = quickExpress }.ToJsonString());
        AssertThrottled(sync.Status, sync.Body);
        var parent = await CreateAsync(new JsonObject
        {
            ["StartAt"] = "Child",
            ["States"] = new JsonObject
            {
                ["Child"] = new JsonObject
                {
                    ["Type"] = "Task", ["Resource"] = "arn:aws:states:::states:startExecution.sync:2", ["End"] = true,
                    ["Parameters"] = new JsonObject { ["StateMachineArn"] = hourExpress, ["Input"] = new JsonObject() },
                },
            },
        }.ToJsonString(), "STANDARD");
        var failed = await WaitForEndAsync((await StartAsync(parent)).Body["executionArn"]!.GetValue<string>());
        Assert.Equal(("FAILED", "StepFunctions.ThrottlingException"), (failed["status"]!.GetValue<string>(), failed["error"]?.GetValue<string>()));

        // Every STANDARD start was answered (none is capped: the backlog made them wait instead), and every one
        // answered with an ARN is listed and ends.
        var accepted = standard.Select(t => t.Result).Select(a => a.Status == 200 ? a.Body["executionArn"]!.GetValue<string>() : throw new Xunit.Sdk.XunitException($"StartExecution answered {a.Status}: {a.Body}")).ToList();
        Assert.Equal(300, accepted.Distinct().Count());
        foreach (var arn in accepted)
        {
            Assert.Equal("SUCCEEDED", (await WaitForEndAsync(arn))["status"]!.GetValue<string>());
        }
        Assert.Equal(accepted.Order(), (await ListAsync(quick)).Order());

        // Closing a stream gives its slot back (the server notices at its next poll).
        openStreams[0].Dispose();
        using var reopened = await EventuallyOpenAsync(watched);
        Assert.True(reopened.IsSuccessStatusCode);
        foreach (var open in openStreams.Skip(1))
        {
            open.Dispose();
        }
        Assert.False(server!.HasExited);
    }

    [Fact]
    public async Task EXPRESS_slots_come_back_when_runs_end()
    {
        var quickExpress = await CreateAsync(Quick, "EXPRESS");

        // More runs one after the other than the cap allows at once: each gives its slot back when it ends.
        for (var i = 0; i < MaxExpressRuns * 3; i++)
        {
            var (status, body) = await RawHttp.PostAsync(Endpoint, "AWSStepFunctions.StartSyncExecution", new JsonObject { ["stateMachineArn"] = quickExpress }.ToJsonString());
            Assert.Equal((200, "SUCCEEDED"), (status, body["status"]?.GetValue<string>()));
        }
    }

    private static void AssertThrottled(int status, JsonObject body)
    {
        Assert.Equal(400, status);
        Assert.Equal(Throttling, body["__type"]!.GetValue<string>());
        Assert.StartsWith("Rate exceeded", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<string> CreateAsync(string definition, string type) =>
        (await RawHttp.CallAsync(Endpoint, "CreateStateMachine", new JsonObject
        {
            ["name"] = "flood-" + Guid.NewGuid().ToString("N")[..12], ["definition"] = definition, ["roleArn"] = ServerFixture.Role, ["type"] = type,
        }))["stateMachineArn"]!.GetValue<string>();

    private Task<(int Status, JsonObject Body)> StartAsync(string machine) =>
        RawHttp.PostAsync(Endpoint, "AWSStepFunctions.StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["input"] = "{}" }.ToJsonString());

    /// <summary>The stream's answer once its headers have arrived (the body stays open until disposed).</summary>
    private async Task<HttpResponseMessage> OpenStreamAsync(string executionArn)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Endpoint}/_local/executions/stream?executionArn={Uri.EscapeDataString(executionArn)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<HttpResponseMessage> EventuallyOpenAsync(string executionArn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await OpenStreamAsync(executionArn);
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(100);
        }
    }

    private async Task<JsonObject> WaitForEndAsync(string executionArn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var described = await RawHttp.CallAsync(Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (described["status"]!.GetValue<string>() != "RUNNING" || DateTime.UtcNow > deadline)
            {
                return described;
            }
            await Task.Delay(50);
        }
    }

    private async Task<List<string>> ListAsync(string machine)
    {
        var arns = new List<string>();
        string? token = null;
        do
        {
            var page = await RawHttp.CallAsync(Endpoint, "ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["maxResults"] = 1000, ["nextToken"] = token });
            arns.AddRange(page["executions"]!.AsArray().Select(e => e!["executionArn"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        return arns;
    }
}
