using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.Triggers;

/// <summary><c>aws events put-events</c> against the server: the custom-event rule Terraform deploys starts the orchestrator.</summary>
public sealed class PutEventsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<ClientResult> PutEvents(JsonArray entries) => AwsCli.EventsAsync(fixture.Endpoint, "put-events", "--entries", entries.ToJsonString());

    private static JsonObject Entry(string detail, string? bus = TriggerServer.EventBus, string source = "serverless-workflows.orchestrator", string detailType = "Run Requested")
    {
        var entry = new JsonObject { ["Source"] = source, ["DetailType"] = detailType, ["Detail"] = detail };
        if (bus is not null)
        {
            entry["EventBusName"] = bus;
        }
        return entry;
    }

    [Fact]
    public async Task A_matching_event_starts_the_orchestrator_with_its_detail_as_the_input()
    {
        var runId = TriggerServer.RunId("event");
        var detail = TriggerServer.Manifest(runId);

        var answer = (await PutEvents([Entry(detail)])).Ok;

        Assert.Equal(0, answer["FailedEntryCount"]!.GetValue<int>());
        Assert.True(Guid.TryParse(answer["Entries"]![0]!["EventId"]!.GetValue<string>(), out _));
        var execution = await TriggerServer.FindAsync(fixture.Endpoint, runId);
        Assert.NotNull(execution);
        Assert.Equal(detail, execution["input"]!.GetValue<string>()); // the detail alone: the target's input path is $.detail
        Assert.Equal("event", execution["localStartedBy"]!.GetValue<string>());
        var ended = await fixture.WaitForAsync(execution["executionArn"]!.GetValue<string>(), TimeSpan.FromSeconds(120));
        Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_no_rule_matches_are_accepted_and_dropped()
    {
        var otherType = TriggerServer.RunId("other-type");
        var otherSource = TriggerServer.RunId("other-source");
        var defaultBus = TriggerServer.RunId("default-bus");

        var answer = (await PutEvents([
            Entry(TriggerServer.Manifest(otherType), detailType: "Run Cancelled"),
            Entry(TriggerServer.Manifest(otherSource), source: "someone.else"),
            Entry(TriggerServer.Manifest(defaultBus), bus: null), // the rule is on the trigger's own bus, not the default one
        ])).Ok;

        Assert.Equal(0, answer["FailedEntryCount"]!.GetValue<int>());
        Assert.Equal(3, answer["Entries"]!.AsArray().Count(e => e!["EventId"] is not null));
        var inputs = (await TriggerServer.ExecutionsAsync(fixture.Endpoint)).Select(e => e["input"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(inputs, input => input.Contains(otherType, StringComparison.Ordinal) || input.Contains(otherSource, StringComparison.Ordinal) || input.Contains(defaultBus, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_bad_entry_gets_its_error_in_place_and_the_good_ones_go_through()
    {
        var runId = TriggerServer.RunId("mixed");

        var answer = (await PutEvents([
            new JsonObject { ["EventBusName"] = TriggerServer.EventBus, ["Source"] = "serverless-workflows.orchestrator", ["DetailType"] = "Run Requested" },
            Entry("{\"run_id\": "),
            Entry(TriggerServer.Manifest(runId)),
            new JsonObject { ["EventBusName"] = TriggerServer.EventBus, ["DetailType"] = "Run Requested", ["Detail"] = "{}" },
            Entry("{}", bus: "no-such-bus"),
        ])).Ok;

        Assert.Equal(4, answer["FailedEntryCount"]!.GetValue<int>());
        var entries = answer["Entries"]!.AsArray();
        Assert.Equal("InvalidArgument", entries[0]!["ErrorCode"]!.GetValue<string>());
        Assert.Contains("Detail is a required argument", entries[0]!["ErrorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("MalformedDetail", entries[1]!["ErrorCode"]!.GetValue<string>());
        Assert.NotNull(entries[2]!["EventId"]);
        Assert.Null(entries[2]!["ErrorCode"]);
        Assert.Contains("Source is a required argument", entries[3]!["ErrorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("no-such-bus does not exist", entries[4]!["ErrorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(await TriggerServer.FindAsync(fixture.Endpoint, runId));
    }

    [Fact]
    public async Task A_request_beyond_ten_entries_is_refused_whole()
    {
        var entries = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)Entry("{}"))]);

        var refused = await PutEvents(entries);

        Assert.Equal("ValidationException", refused.ErrorCode);
        Assert.Contains("less than or equal to 10", refused.ErrorMessage, StringComparison.Ordinal);
    }
}
