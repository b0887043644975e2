using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Store;
using StepFunctions.Service.Tests.Store;

namespace StepFunctions.Service.Tests.Executions;

/// <summary>Replay reconstruction in process: an execution run and stored by the ExecutionManager, its history
/// read back as the executor's replay, and the resume that is really an unfinished redrive.</summary>
public sealed class HistoryReplayTests : IAsyncLifetime
{
    private const string Definition = """
        {"StartAt":"First","States":{
          "First":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.n, $.n)"},"Assign":{"seen.$":"$.doubled"},"Next":"Second"},
          "Second":{"Type":"Pass","End":true}}}
        """;

    private readonly TemporaryStore temporary = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => temporary.DisposeAsync().AsTask();

    [Fact]
    public async Task A_stored_run_replays_with_each_exited_states_output_assignments_and_next_state()
    {
        var store = temporary.Store;
        var machine = new StateMachineRecord("arn:aws:states:us-east-1:123456789012:stateMachine:replayed", "replayed", "STANDARD",
            Definition, "arn:aws:iam::123456789012:role/test", DateTimeOffset.UtcNow, null, null, Deployed: false);
        await store.UpsertStateMachineAsync(machine);
        ExecutionRecord ended;
        await using (var executions = new ExecutionManager(store, new ExecutionSettings { Resolvers = (_, _) => new ResolverBuilder(), TimeScale = 0 }))
        {
            var started = await executions.StartAsync(machine, "run", """{"n":3}""", JsonNode.Parse("""{"n":3}"""), testCase: null);
            ended = await executions.WaitForEndAsync(started.Arn, CancellationToken.None);
        }
        Assert.True(ended.Status == ExecutionStatus.Succeeded, $"{ended.Status} {ended.Error}: {ended.Cause}");

        var replay = HistoryReplay.Of(ended, store.GetEvents(ended.Sequence, 1, int.MaxValue, reverse: false), ReplayMode.Resume);

        Assert.Equal((ReplayMode.Resume, ended.StartDate, 0), (replay.Mode, replay.StartTime, replay.RedriveCount));
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"],
            replay.History.Select(e => e.Type));
        var first = replay.History.Single(e => e.Type == "PassStateExited" && e.StateName == "First");
        Assert.Equal(("Second", 1), (first.Next, first.Visit));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"doubled":6}"""), first.Output));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"seen":6}"""), first.AssignedVariables));
        var entered = replay.History.First(e => e.Type == "PassStateEntered");
        Assert.Equal(("First", (JsonNode?)null), (entered.StateName, entered.Output));
    }

    [Fact]
    public void A_resume_of_a_redrive_whose_ExecutionRedriven_was_never_recorded_is_that_redrive_again()
    {
        var redrivenOnce = TemporaryStore.Execution("redriven") with { RedriveCount = 1, RedriveDate = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_100_000) };
        StoredEvent[] beforeRedrive = [Stored(1, "ExecutionStarted"), Stored(2, "ExecutionFailed")];

        var replay = HistoryReplay.Of(redrivenOnce, beforeRedrive, ReplayMode.Resume);

        Assert.Equal((ReplayMode.Redrive, 1, redrivenOnce.RedriveDate), (replay.Mode, replay.RedriveCount, replay.RedriveTime));
        Assert.Equal(ReplayMode.Resume, HistoryReplay.Of(redrivenOnce, [.. beforeRedrive, Stored(3, "ExecutionRedriven")], ReplayMode.Resume).Mode);
        Assert.Equal(ReplayMode.Resume, HistoryReplay.Of(TemporaryStore.Execution("never"), beforeRedrive, ReplayMode.Resume).Mode);
    }

    private static StoredEvent Stored(long id, string type) => new(id, id - 1, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + id), type, null, null);
}
