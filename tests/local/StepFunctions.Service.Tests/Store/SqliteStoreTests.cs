using Microsoft.Data.Sqlite;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Tests.Store;

/// <summary>The store in process: what it commits reads back, across a reopen, with its statuses, events and log lines.</summary>
public sealed class SqliteStoreTests : IAsyncLifetime
{
    private readonly TemporaryStore temporary = new();

    private SqliteStore Store => temporary.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => temporary.DisposeAsync().AsTask();

    private static StoredEvent Event(long id, string type, string? details = null, IReadOnlyList<LogEventRecord>? logs = null) =>
        new(id, id - 1, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + id), type, details is null ? null : "stateEnteredEventDetails", details)
        {
            ScopeKey = id == 3 ? "Each/0" : "",
            Visit = 1,
            Next = type.EndsWith("StateExited", StringComparison.Ordinal) ? "Next" : null,
            LogEvents = logs ?? [],
        };

    [Fact]
    public async Task A_started_execution_is_running_and_its_completion_records_status_result_and_final_event_together()
    {
        var sequence = await Store.InsertExecutionAsync(TemporaryStore.Execution("one"));
        var started = Store.GetExecution(TemporaryStore.Execution("one").Arn)!;
        Assert.Equal((ExecutionStatus.Running, sequence), (started.Status, started.Sequence));
        Assert.Equal(TemporaryStore.Execution("one").Definition, started.Definition);
        Assert.Equal([started.Arn], Store.RunningExecutions().Select(e => e.Arn));

        await Store.AppendEventsAsync(sequence, [Event(1, "ExecutionStarted")]);
        var stop = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_005_000);
        await Store.CompleteExecutionAsync(sequence, [Event(2, "ExecutionFailed")], ExecutionStatus.Failed, null, "Boom", "it broke", stop);

        var ended = Store.GetExecution(started.Arn)!;
        Assert.Equal((ExecutionStatus.Failed, "Boom", "it broke", stop), (ended.Status, ended.Error, ended.Cause, ended.StopDate));
        Assert.Empty(Store.RunningExecutions());
        Assert.Equal(["ExecutionStarted", "ExecutionFailed"], Store.GetEvents(sequence, 1, 100, reverse: false).Select(e => e.Type));
    }

    [Fact]
    public async Task Events_keep_their_place_in_the_definition_and_read_back_in_either_order()
    {
        var sequence = await Store.InsertExecutionAsync(TemporaryStore.Execution("events"));
        await Store.AppendEventsAsync(sequence, [Event(1, "ExecutionStarted"), Event(2, "PassStateEntered", """{"name":"P"}"""), Event(3, "PassStateExited", """{"name":"P"}""")]);

        var forward = Store.GetEvents(sequence, 1, 100, reverse: false);
        Assert.Equal([1L, 2, 3], forward.Select(e => e.Id));
        Assert.Equal(("Each/0", 1, "Next"), (forward[2].ScopeKey, forward[2].Visit, forward[2].Next));
        Assert.Equal("""{"name":"P"}""", forward[1].Details);
        Assert.Equal([3L, 2], Store.GetEvents(sequence, long.MaxValue, 2, reverse: true).Select(e => e.Id));
        Assert.Equal([2L, 3], Store.GetEvents(sequence, 2, 100, reverse: false).Select(e => e.Id));
    }

    [Fact]
    public async Task A_redrive_reopens_the_execution_without_its_result()
    {
        var sequence = await Store.InsertExecutionAsync(TemporaryStore.Execution("redriven"));
        await Store.CompleteExecutionAsync(sequence, [Event(1, "ExecutionAborted")], ExecutionStatus.Aborted, null, "Stop", null, DateTimeOffset.UtcNow);
        var redriveDate = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_009_000);

        await Store.ReopenForRedriveAsync(sequence, 1, redriveDate);

        var reopened = Store.GetExecution(TemporaryStore.Execution("redriven").Arn)!;
        Assert.Equal((ExecutionStatus.Running, 1, redriveDate), (reopened.Status, reopened.RedriveCount, reopened.RedriveDate));
        Assert.Equal((null, null, null), (reopened.StopDate, reopened.Error, reopened.Output));
        Assert.Single(Store.ListExecutions(reopened.StateMachineArn, ExecutionStatus.Running, redriven: true, null, 10));
        Assert.Empty(Store.ListExecutions(reopened.StateMachineArn, ExecutionStatus.Aborted, null, null, 10));
    }

    [Fact]
    public async Task An_events_log_lines_are_committed_with_it_under_a_log_group_created_for_them()
    {
        var sequence = await Store.InsertExecutionAsync(TemporaryStore.Execution("logs"));
        var lines = new LogEventRecord[]
        {
            new("/aws/lambda/odd", "2026/12/01/[$LATEST]abc", 1_700_000_000_001, "START RequestId: r1"),
            new("/aws/lambda/odd", "2026/12/01/[$LATEST]abc", 1_700_000_000_002, "END RequestId: r1"),
        };

        await Store.AppendEventsAsync(sequence, [Event(1, "TaskSucceeded", logs: lines)]);

        Assert.True(Store.LogGroupExists("/aws/lambda/odd"));
        Assert.Equal(["START RequestId: r1", "END RequestId: r1"],
            Store.ReadLogEvents("/aws/lambda/odd", null, null, null, null, null, 10).Select(l => l.Message));
    }

    [Fact]
    public async Task One_failing_write_fails_alone_and_the_others_commit()
    {
        var first = Store.InsertExecutionAsync(TemporaryStore.Execution("twice"));
        var again = Store.InsertExecutionAsync(TemporaryStore.Execution("twice"));
        var other = Store.InsertExecutionAsync(TemporaryStore.Execution("other"));

        await first;
        await Assert.ThrowsAsync<SqliteException>(() => again);
        await other;
        Assert.True(Store.ExecutionExists(TemporaryStore.Execution("twice").Arn));
        Assert.True(Store.ExecutionExists(TemporaryStore.Execution("other").Arn));
    }

    [Fact]
    public async Task What_was_committed_is_there_after_the_store_is_opened_again()
    {
        var sequence = await Store.InsertExecutionAsync(TemporaryStore.Execution("kept"));
        await Store.AppendEventsAsync(sequence, [Event(1, "ExecutionStarted")]);
        var machine = new StateMachineRecord("arn:aws:states:us-east-1:123456789012:stateMachine:machine", "machine", "STANDARD",
            TemporaryStore.Execution("kept").Definition, "arn:aws:iam::123456789012:role/test", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), null, null, Deployed: false);
        await Store.UpsertStateMachineAsync(machine);

        await temporary.ReopenAsync();

        Assert.Equal(ExecutionStatus.Running, Store.GetExecution(TemporaryStore.Execution("kept").Arn)!.Status);
        Assert.Equal(["ExecutionStarted"], Store.GetEvents(sequence, 1, 100, reverse: false).Select(e => e.Type));
        Assert.Equal(machine, Store.GetStateMachine(machine.Arn));
    }

    [Fact]
    public async Task A_state_machine_read_after_its_update_is_the_updated_one()
    {
        var machine = new StateMachineRecord("arn:aws:states:us-east-1:123456789012:stateMachine:cached", "cached", "STANDARD",
            "{}", "arn:aws:iam::123456789012:role/test", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), null, null, Deployed: false);
        await Store.UpsertStateMachineAsync(machine);
        Assert.Equal("{}", Store.GetStateMachine(machine.Arn)!.Definition); // now cached

        await Store.UpsertStateMachineAsync(machine with { Definition = """{"changed":true}""", RevisionId = "2" });

        Assert.Equal("2", Store.GetStateMachine(machine.Arn)!.RevisionId);
        await Store.DeleteStateMachineAsync(machine.Arn);
        Assert.Null(Store.GetStateMachine(machine.Arn));
    }
}
