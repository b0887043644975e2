using Microsoft.Data.Sqlite;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Tests.Store;

/// <summary>The writer's bound in process: once its backlog of non-urgent writes is full, writers wait for room
/// (back-pressure) and every queued write still commits.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("sfn-writer-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    private string Database => Path.Combine(directory, "w.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString();

    private GroupCommitWriter Open(int maxQueued) => new(ConnectionString, Database, "CREATE TABLE IF NOT EXISTS t(x INTEGER)", maxQueued);

    /// <summary>Holds the writer thread inside a commit until <paramref name="gate"/> is set, so what is queued next
    /// stays queued (a minute at most, so a failed test still closes its writer).</summary>
    private static Task Hold(GroupCommitWriter writer, ManualResetEventSlim gate) => writer.Enqueue(() => gate.Wait(TimeSpan.FromMinutes(1)), urgent: true);

    [Fact]
    public async Task A_full_backlog_makes_writers_wait_until_the_writer_commits_it_and_loses_no_write()
    {
        using var gate = new ManualResetEventSlim();
        await using var writer = Open(maxQueued: 2);
        var held = Hold(writer, gate);

        var first = writer.Enqueue(() => writer.Run("INSERT INTO t VALUES(1)"), urgent: false);
        Assert.True(writer.WaitForRoomAsync(CancellationToken.None).IsCompletedSuccessfully, "one of two queued: room left");
        var second = writer.Enqueue(() => writer.Run("INSERT INTO t VALUES(2)"), urgent: false);
        var waiting = writer.WaitForRoomAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted, "the backlog is full: a writer waits");
        Assert.Equal(2, writer.Queued);

        gate.Set();
        await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(held, first, second).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, writer.Queued);
        using var reader = new SqliteConnection(ConnectionString);
        reader.Open();
        using var count = reader.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(2L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_writer_waiting_for_room_can_give_up()
    {
        using var gate = new ManualResetEventSlim();
        await using var writer = Open(maxQueued: 1);
        var held = Hold(writer, gate);
        var queued = writer.Enqueue(() => writer.Run("INSERT INTO t VALUES(1)"), urgent: false);
        using var cancel = new CancellationTokenSource();

        var waiting = writer.WaitForRoomAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.Set();
        await Task.WhenAll(held, queued).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
