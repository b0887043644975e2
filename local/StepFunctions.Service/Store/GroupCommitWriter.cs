using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StepFunctions.Service.Store;

/// <summary>
/// One SQLite file's writer, knowing nothing of what it writes: one writer thread commits whatever is queued in a
/// single transaction (group commit), so concurrent executions share commits; a write's task completes only once
/// committed, which is what lets the executor wait for an event to be durable before the next step. Urgent writes
/// (those an API answer waits for) go into the next commit ahead of any backlog of the others, so a StartExecution
/// never queues behind other executions' history events. A checkpointer thread keeps the WAL small, off the commit
/// path. Statements run on the writer's connection are prepared once. The backlog of non-urgent writes is bounded
/// by back-pressure, not refusal (a refused history event would lose an accepted execution): writers wait in
/// <see cref="WaitForRoomAsync"/> while <c>maxQueued</c> of them are queued.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Non-urgent writes per commit at most: bounds how long the commit in progress (which a new urgent
    /// write waits for) takes, while still sharing each commit among many executions.</summary>
    private const int MaxBatch = 256;

    /// <summary>How often the checkpointer moves committed WAL pages into the database file.</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(200);

    private readonly string connectionString;
    private readonly string path;
    private readonly Channel<WriteOperation> writes = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection connection;
    private readonly Thread writerThread;
    private readonly Thread checkpointerThread;
    private readonly ManualResetEventSlim closing = new();
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt> statements = new(StringComparer.Ordinal);
    private readonly int maxQueued;
    private readonly Lock roomGate = new();
    private int queued; // non-urgent writes queued and not yet committed
    private TaskCompletionSource? room; // completed when queued falls below maxQueued
    private SqliteTransaction? transaction;
    private long commits;

    /// <summary>The default of <c>--max-queued-writes</c>.</summary>
    public const int DefaultMaxQueued = 10_000;

    /// <param name="schema">Run once before the first write (CREATE … IF NOT EXISTS).</param>
    /// <param name="maxQueued">Non-urgent writes queued at most before <see cref="WaitForRoomAsync"/> makes writers wait.</param>
    public GroupCommitWriter(string connectionString, string path, string schema, int maxQueued)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueued, 1);
        this.connectionString = connectionString;
        this.path = path;
        this.maxQueued = maxQueued;
        connection = new SqliteConnection(connectionString);
        connection.Open();
        // WAL + NORMAL: a commit is in the OS before the call returns, so killing the process loses nothing;
        // only a power cut can lose the last commits (README says so). The writer never checkpoints itself
        // (wal_autocheckpoint=0): a checkpoint fsyncs, and the checkpointer thread does that off the commit path.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;");
        Execute(connection, schema);
        // Dedicated threads: a commit blocks in SQLite, and must neither hold a thread-pool thread nor wait for one.
        writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "sqlite writer" };
        writerThread.Start();
        checkpointerThread = new Thread(CheckpointLoop) { IsBackground = true, Name = "sqlite checkpointer" };
        checkpointerThread.Start();
    }

    private sealed record WriteOperation(Action Apply, TaskCompletionSource Done, bool Urgent);

    /// <summary>Queues a write (<paramref name="apply"/> runs on the writer thread, inside a transaction); the task
    /// completes when that transaction has committed.</summary>
    public Task Enqueue(Action apply, bool urgent)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!urgent)
        {
            Interlocked.Increment(ref queued);
        }
        if (!writes.Writer.TryWrite(new WriteOperation(apply, done, urgent)))
        {
            if (!urgent)
            {
                Interlocked.Decrement(ref queued);
            }
            done.SetException(new ObjectDisposedException(nameof(SqliteStore), "The execution store is closed."));
        }
        return done.Task;
    }

    /// <summary>Completes at once while the backlog has room, else once the writer has committed enough of it. A
    /// writer calls it between its writes (an execution before its next state, a start before its row), never
    /// inside <see cref="Enqueue"/>, whose order the writes of one execution keep.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref queued) < maxQueued)
        {
            return Task.CompletedTask; // the usual case, without the lock every checkpoint would take
        }
        lock (roomGate)
        {
            if (Volatile.Read(ref queued) < maxQueued)
            {
                return Task.CompletedTask;
            }
            room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return room.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Non-urgent writes queued and not yet committed.</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Runs one statement inside the commit in progress (writer thread only).</summary>
    public int Run(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            commands[sql] = command = connection.CreateCommand();
            command.CommandText = sql;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command.ExecuteNonQuery();
    }

    /// <summary>A statement on SQLite's C API, prepared once and finalized with the writer (writer thread only):
    /// for the statements that run so often that Microsoft.Data.Sqlite's parameter binding would cost more than
    /// the data they write.</summary>
    public sqlite3_stmt Prepared(string sql)
    {
        if (!statements.TryGetValue(sql, out var statement))
        {
            var result = raw.sqlite3_prepare_v2(connection.Handle, sql, out statement);
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
            statements[sql] = statement;
        }
        return statement;
    }

    /// <summary>Steps a <see cref="Prepared"/> statement once and resets it for the next use, whatever happened.</summary>
    public void Step(sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        try
        {
            SqliteException.ThrowExceptionForRC(result == raw.SQLITE_DONE ? raw.SQLITE_OK : result, connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>The rowid of the last INSERT (writer thread only).</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(connection.Handle);

    private void WriteLoop()
    {
        var backlog = new Queue<WriteOperation>();
        var batch = new List<WriteOperation>();
        while (true)
        {
            // Block only when there is nothing left to commit (this is the writer's own thread).
            if (backlog.Count == 0 && !writes.Reader.TryPeek(out _) && !writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                return;
            }
            while (writes.Reader.TryRead(out var operation))
            {
                if (operation.Urgent)
                {
                    batch.Add(operation);
                }
                else
                {
                    backlog.Enqueue(operation);
                }
            }
            var taken = 0;
            for (; taken < MaxBatch && backlog.TryDequeue(out var operation); taken++)
            {
                batch.Add(operation);
            }
            CommitAll(batch);
            batch.Clear();
            MakeRoom(taken);
        }
    }

    /// <summary>Counts <paramref name="committed"/> non-urgent writes out of the backlog; the writers waiting for room
    /// go on once it is below the bound. (Under the lock, so a waiter never misses the release.)</summary>
    private void MakeRoom(int committed)
    {
        TaskCompletionSource? released = null;
        lock (roomGate)
        {
            if (Interlocked.Add(ref queued, -committed) < maxQueued)
            {
                (released, room) = (room, null);
            }
        }
        released?.TrySetResult();
    }

    private void CommitAll(List<WriteOperation> batch)
    {
        try
        {
            Commit(batch);
            foreach (var operation in batch)
            {
                operation.Done.TrySetResult();
            }
        }
        catch (Exception)
        {
            // One bad write (a duplicate key, say) must not undo the others: apply them one by one.
            foreach (var operation in batch)
            {
                try
                {
                    Commit([operation]);
                    operation.Done.TrySetResult();
                }
                catch (Exception e)
                {
                    operation.Done.TrySetException(e);
                }
            }
        }
        Interlocked.Increment(ref commits);
    }

    private void Commit(List<WriteOperation> operations)
    {
        using (transaction = connection.BeginTransaction())
        {
            foreach (var operation in operations)
            {
                operation.Apply();
            }
            transaction.Commit();
        }
        transaction = null;
    }

    /// <summary>Copies committed WAL pages into the database file now and then (PASSIVE: never blocks the writer
    /// or readers), so the WAL stays small; the fsyncs this takes happen here instead of inside a commit.</summary>
    private void CheckpointLoop()
    {
        using var checkpointer = new SqliteConnection(connectionString);
        checkpointer.Open();
        var checkpointed = 0L;
        while (!closing.Wait(CheckpointInterval))
        {
            var committed = Interlocked.Read(ref commits);
            if (committed == checkpointed)
            {
                continue;
            }
            try
            {
                Execute(checkpointer, "PRAGMA wal_checkpoint(PASSIVE)");
                checkpointed = committed;
            }
            catch (SqliteException e)
            {
                // A busy or failing checkpoint loses nothing (the pages stay in the WAL); try again next round.
                Console.Error.WriteLine($"sfn-service: WAL checkpoint of {path} failed, will retry: {e.Message}");
            }
        }
    }

    private static void Execute(SqliteConnection on, string sql)
    {
        using var command = on.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Commits what is queued, then stops both threads and closes the connection.</summary>
    public ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        writerThread.Join();
        closing.Set();
        checkpointerThread.Join();
        closing.Dispose();
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }
        connection.Dispose();
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
