using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StepFunctions.Service.Store;

/// <summary>
/// The durable store: one SQLite file (WAL). Writes go through one writer thread that commits whatever is queued
/// in a single transaction (group commit), so concurrent executions share commits; a write's task completes only
/// once committed, which is what lets the executor wait for an event to be durable before the next step.
/// Writes an API answer waits for (a new execution, a state machine) are urgent: they go into the next commit
/// ahead of any backlog of history events, so a StartExecution never queues behind other executions' events.
/// Reads use their own pooled connections and never wait for the writer.
/// </summary>
public sealed partial class SqliteStore : IAsyncDisposable
{
    /// <summary>History events per commit at most: bounds how long the commit in progress (which a new urgent
    /// write waits for) takes, while still sharing each commit among many executions.</summary>
    private const int MaxBatch = 256;

    /// <summary>How often the checkpointer moves committed WAL pages into the database file.</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(200);

    private readonly string connectionString;
    private readonly Channel<WriteOperation> writes = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection writer;
    private readonly Thread writerThread;
    private readonly Thread checkpointerThread;
    private readonly ManualResetEventSlim closing = new();
    private long commits;

    private SqliteStore(string path)
    {
        Path = path;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        writer = new SqliteConnection(connectionString);
        writer.Open();
        // WAL + NORMAL: a commit is in the OS before the call returns, so killing the process loses nothing;
        // only a power cut can lose the last commits (README says so). The writer never checkpoints itself
        // (wal_autocheckpoint=0): a checkpoint fsyncs, and the checkpointer thread does that off the commit path.
        Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;");
        Execute(writer, Schema);
        // Dedicated threads: a commit blocks in SQLite, and must neither hold a thread-pool thread nor wait for one.
        writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "sqlite writer" };
        writerThread.Start();
        checkpointerThread = new Thread(CheckpointLoop) { IsBackground = true, Name = "sqlite checkpointer" };
        checkpointerThread.Start();
    }

    public string Path { get; }

    public static SqliteStore Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        try
        {
            return new SqliteStore(path);
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"Cannot open the execution store {path}: {e.Message}. Delete the file to start afresh, or pass another --db.", e);
        }
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS state_machines(
            arn TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, definition TEXT NOT NULL, role_arn TEXT NOT NULL,
            created INTEGER NOT NULL, updated INTEGER, revision_id TEXT, deployed INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS definitions(hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS executions(
            seq INTEGER PRIMARY KEY AUTOINCREMENT, arn TEXT NOT NULL UNIQUE, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL,
            status TEXT NOT NULL, input TEXT, output TEXT, error TEXT, cause TEXT, start_date INTEGER NOT NULL, stop_date INTEGER,
            definition_hash TEXT NOT NULL REFERENCES definitions(hash), role_arn TEXT NOT NULL, test_case TEXT,
            redrive_count INTEGER NOT NULL DEFAULT 0, redrive_date INTEGER);
        CREATE INDEX IF NOT EXISTS executions_by_machine ON executions(state_machine_arn, seq);
        CREATE INDEX IF NOT EXISTS executions_by_status ON executions(status);
        CREATE TABLE IF NOT EXISTS events(
            execution_seq INTEGER NOT NULL, id INTEGER NOT NULL, previous_id INTEGER NOT NULL, timestamp INTEGER NOT NULL,
            type TEXT NOT NULL, details_name TEXT, details TEXT, scope TEXT, visit INTEGER, next TEXT,
            PRIMARY KEY(execution_seq, id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS log_groups(name TEXT PRIMARY KEY, creation_time INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS log_events(
            seq INTEGER PRIMARY KEY AUTOINCREMENT, log_group TEXT NOT NULL REFERENCES log_groups(name), log_stream TEXT NOT NULL,
            timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS log_events_by_time ON log_events(log_group, timestamp, seq);
        CREATE INDEX IF NOT EXISTS log_events_by_stream ON log_events(log_group, log_stream, timestamp, seq);
        """;

    // ---- writes -------------------------------------------------------------------------------------------

    private sealed record WriteOperation(Action Apply, TaskCompletionSource Done, bool Urgent);

    /// <summary>Queues a write; the task completes when its transaction has committed. <paramref name="urgent"/>:
    /// an API answer waits for it (see the class summary).</summary>
    private Task Enqueue(Action apply, bool urgent)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!writes.Writer.TryWrite(new WriteOperation(apply, done, urgent)))
        {
            done.SetException(new ObjectDisposedException(nameof(SqliteStore), "The execution store is closed."));
        }
        return done.Task;
    }

    private void WriteLoop()
    {
        var history = new Queue<WriteOperation>();
        var batch = new List<WriteOperation>();
        while (true)
        {
            // Block only when there is nothing left to commit (this is the writer's own thread).
            if (history.Count == 0 && !writes.Reader.TryPeek(out _) && !writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
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
                    history.Enqueue(operation);
                }
            }
            for (var taken = 0; taken < MaxBatch && history.TryDequeue(out var operation); taken++)
            {
                batch.Add(operation);
            }
            CommitAll(batch);
            batch.Clear();
        }
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

    private SqliteTransaction? transaction;

    private void Commit(List<WriteOperation> operations)
    {
        using (transaction = writer.BeginTransaction())
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
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
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
                Execute(connection, "PRAGMA wal_checkpoint(PASSIVE)");
                checkpointed = committed;
            }
            catch (SqliteException e)
            {
                // A busy or failing checkpoint loses nothing (the pages stay in the WAL); try again next round.
                Console.Error.WriteLine($"sfn-service: WAL checkpoint of {Path} failed, will retry: {e.Message}");
            }
        }
    }

    public async Task UpsertStateMachineAsync(StateMachineRecord machine)
    {
        await Enqueue(() => Run("""
            INSERT INTO state_machines(arn, name, type, definition, role_arn, created, updated, revision_id, deployed)
            VALUES($arn, $name, $type, $definition, $role, $created, $updated, $revision, $deployed)
            ON CONFLICT(arn) DO UPDATE SET type=$type, definition=$definition, role_arn=$role, updated=$updated, revision_id=$revision, deployed=$deployed
            """, ("$arn", machine.Arn), ("$name", machine.Name), ("$type", machine.Type), ("$definition", machine.Definition),
            ("$role", machine.RoleArn), ("$created", Ms(machine.Created)), ("$updated", Ms(machine.Updated)), ("$revision", machine.RevisionId),
            ("$deployed", machine.Deployed ? 1 : 0)), urgent: true).ConfigureAwait(false);
        ForgetStateMachine(machine.Arn);
    }

    public async Task DeleteStateMachineAsync(string arn)
    {
        await Enqueue(() => Run("DELETE FROM state_machines WHERE arn=$arn", ("$arn", arn)), urgent: true).ConfigureAwait(false);
        ForgetStateMachine(arn);
    }

    /// <summary>Records a new execution (RUNNING) with the definition it runs; returns its sequence number.</summary>
    public async Task<long> InsertExecutionAsync(ExecutionRecord execution)
    {
        long sequence = 0;
        var hash = Hash(execution.Definition);
        await Enqueue(() =>
        {
            Run("INSERT OR IGNORE INTO definitions(hash, text) VALUES($hash, $text)", ("$hash", hash), ("$text", execution.Definition));
            Run("""
                INSERT INTO executions(arn, state_machine_arn, name, status, input, start_date, definition_hash, role_arn, test_case)
                VALUES($arn, $machine, $name, $status, $input, $start, $hash, $role, $testCase)
                """, ("$arn", execution.Arn), ("$machine", execution.StateMachineArn), ("$name", execution.Name), ("$status", execution.Status),
                ("$input", execution.Input), ("$start", Ms(execution.StartDate)), ("$hash", hash), ("$role", execution.RoleArn),
                ("$testCase", execution.TestCase));
            sequence = SQLitePCL.raw.sqlite3_last_insert_rowid(writer.Handle);
        }, urgent: true).ConfigureAwait(false);
        return sequence;
    }

    public Task AppendEventsAsync(long executionSequence, IReadOnlyList<StoredEvent> events) =>
        Enqueue(() => InsertEvents(executionSequence, events), urgent: false);

    /// <summary>Closes an execution: its final events and status in one transaction, so a restart never sees one without the other.</summary>
    public Task CompleteExecutionAsync(long executionSequence, IReadOnlyList<StoredEvent> events, string status, string? output, string? error, string? cause, DateTimeOffset stopDate) =>
        Enqueue(() =>
        {
            InsertEvents(executionSequence, events);
            Run("UPDATE executions SET status=$status, output=$output, error=$error, cause=$cause, stop_date=$stop WHERE seq=$seq",
                ("$status", status), ("$output", output), ("$error", error), ("$cause", cause), ("$stop", Ms(stopDate)), ("$seq", executionSequence));
        }, urgent: false);

    /// <summary>A redrive reopens the execution: RUNNING again, one more redrive, no stop date or result.</summary>
    public Task ReopenForRedriveAsync(long executionSequence, int redriveCount, DateTimeOffset redriveDate) => Enqueue(() => Run("""
        UPDATE executions SET status='RUNNING', output=NULL, error=NULL, cause=NULL, stop_date=NULL, redrive_count=$count, redrive_date=$date
        WHERE seq=$seq
        """, ("$count", redriveCount), ("$date", Ms(redriveDate)), ("$seq", executionSequence)), urgent: true);

    // The writer's event insert, on SQLite's C API: it runs for every history event, and Microsoft.Data.Sqlite's
    // parameter binding allocated more per event than the event itself (text is bound as UTF-16, uncopied here).
    private sqlite3_stmt? insertEvent;

    private void InsertEvents(long executionSequence, IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        var statement = insertEvent ??= Prepare("""
            INSERT INTO events(execution_seq, id, previous_id, timestamp, type, details_name, details, scope, visit, next)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            raw.sqlite3_bind_int64(statement, 1, executionSequence);
            raw.sqlite3_bind_int64(statement, 2, e.Id);
            raw.sqlite3_bind_int64(statement, 3, e.PreviousId);
            raw.sqlite3_bind_int64(statement, 4, e.Timestamp.ToUnixTimeMilliseconds());
            BindText(statement, 5, e.Type);
            BindText(statement, 6, e.DetailsName);
            BindText(statement, 7, e.Details);
            BindText(statement, 8, e.ScopeKey);
            raw.sqlite3_bind_int(statement, 9, e.Visit);
            BindText(statement, 10, e.Next);
            var result = raw.sqlite3_step(statement);
            try
            {
                SqliteException.ThrowExceptionForRC(result == raw.SQLITE_DONE ? raw.SQLITE_OK : result, writer.Handle);
            }
            finally
            {
                raw.sqlite3_reset(statement); // ready for the next event, whatever happened
            }
            // Same transaction as the event: whoever reads the event can read its log lines.
            foreach (var group in e.LogEvents.Select(log => log.LogGroupName).Distinct())
            {
                InsertLogGroup(group, e.Timestamp.ToUnixTimeMilliseconds());
            }
            foreach (var log in e.LogEvents)
            {
                Run("""
                    INSERT INTO log_events(log_group, log_stream, timestamp, ingestion_time, message)
                    VALUES($group, $stream, $timestamp, $ingestion, $message)
                    """, ("$group", log.LogGroupName), ("$stream", log.LogStreamName), ("$timestamp", log.Timestamp),
                    ("$ingestion", Ms(e.Timestamp)), ("$message", log.Message));
            }
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var result = raw.sqlite3_prepare_v2(writer.Handle, sql, out var statement);
        SqliteException.ThrowExceptionForRC(result, writer.Handle);
        return statement;
    }

    private static void BindText(sqlite3_stmt statement, int index, string? text) =>
        _ = text is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, text.AsSpan());

    /// <summary>Creates a log group as Terraform does before anything logs to it; an existing one is kept.</summary>
    public Task EnsureLogGroupAsync(string name) =>
        Enqueue(() => InsertLogGroup(name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), urgent: true);

    private void InsertLogGroup(string name, long creationTime) =>
        Run("INSERT OR IGNORE INTO log_groups(name, creation_time) VALUES($name, $time)", ("$name", name), ("$time", creationTime));

    // The writer's other statements, prepared once each (SQLite parses a statement's text only the first time).
    private readonly Dictionary<string, SqliteCommand> writerCommands = new(StringComparer.Ordinal);

    /// <summary>Runs one statement on the writer, inside the commit in progress (writer thread only).</summary>
    private int Run(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!writerCommands.TryGetValue(sql, out var command))
        {
            writerCommands[sql] = command = writer.CreateCommand();
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

    // ---- helpers ------------------------------------------------------------------------------------------

    // A definition's hash, kept per definition string: a started execution's definition is the cached state
    // machine's own string, so it is hashed once, not at every StartExecution (definitions reach 1 MiB).
    private static readonly ConditionalWeakTable<string, string> Hashes = [];

    internal static string Hash(string text) =>
        Hashes.GetValue(text, static text => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));

    private static object? Ms(DateTimeOffset? date) => date?.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        writerThread.Join();
        closing.Set();
        checkpointerThread.Join();
        closing.Dispose();
        insertEvent?.Dispose();
        foreach (var command in writerCommands.Values)
        {
            command.Dispose();
        }
        writer.Dispose();
        SqliteConnection.ClearPool(writer);
        return ValueTask.CompletedTask;
    }
}
