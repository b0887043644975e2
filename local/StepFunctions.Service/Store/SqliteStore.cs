using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace StepFunctions.Service.Store;

/// <summary>
/// The durable store: one SQLite file (WAL). Writes go through one writer that commits whatever is queued in a
/// single transaction (group commit), so concurrent executions share commits; a write's task completes only
/// once committed, which is what lets the executor wait for an event to be durable before the next step.
/// Reads use their own pooled connections and never wait for the writer.
/// </summary>
public sealed partial class SqliteStore : IAsyncDisposable
{
    private const int MaxBatch = 2_000;
    private readonly string connectionString;
    private readonly Channel<WriteOperation> writes = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection writer;
    private readonly Task writerLoop;

    private SqliteStore(string path)
    {
        Path = path;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        writer = new SqliteConnection(connectionString);
        writer.Open();
        // WAL + NORMAL: a commit is in the OS before the call returns, so killing the process loses nothing;
        // only a power cut can lose the last commits (README says so).
        Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        Execute(writer, Schema);
        writerLoop = Task.Run(WriteLoopAsync);
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

    private sealed record WriteOperation(Action<SqliteConnection> Apply, TaskCompletionSource Done);

    /// <summary>Queues a write; the task completes when its transaction has committed.</summary>
    private Task Enqueue(Action<SqliteConnection> apply)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!writes.Writer.TryWrite(new WriteOperation(apply, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(SqliteStore), "The execution store is closed."));
        }
        return done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteOperation>();
        while (await writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && writes.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }
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
            batch.Clear();
        }
    }

    private void Commit(List<WriteOperation> operations)
    {
        using var transaction = writer.BeginTransaction();
        if (insertEvent is not null)
        {
            insertEvent.Transaction = transaction; // the prepared command outlives transactions
        }
        foreach (var operation in operations)
        {
            operation.Apply(writer);
        }
        transaction.Commit();
    }

    public Task UpsertStateMachineAsync(StateMachineRecord machine) => Enqueue(connection => Run(connection, """
        INSERT INTO state_machines(arn, name, type, definition, role_arn, created, updated, revision_id, deployed)
        VALUES($arn, $name, $type, $definition, $role, $created, $updated, $revision, $deployed)
        ON CONFLICT(arn) DO UPDATE SET type=$type, definition=$definition, role_arn=$role, updated=$updated, revision_id=$revision, deployed=$deployed
        """, ("$arn", machine.Arn), ("$name", machine.Name), ("$type", machine.Type), ("$definition", machine.Definition),
        ("$role", machine.RoleArn), ("$created", Ms(machine.Created)), ("$updated", Ms(machine.Updated)), ("$revision", machine.RevisionId),
        ("$deployed", machine.Deployed ? 1 : 0)));

    public Task DeleteStateMachineAsync(string arn) => Enqueue(connection => Run(connection, "DELETE FROM state_machines WHERE arn=$arn", ("$arn", arn)));

    /// <summary>Records a new execution (RUNNING) with the definition it runs; returns its sequence number.</summary>
    public async Task<long> InsertExecutionAsync(ExecutionRecord execution)
    {
        long sequence = 0;
        var hash = Hash(execution.Definition);
        await Enqueue(connection =>
        {
            Run(connection, "INSERT OR IGNORE INTO definitions(hash, text) VALUES($hash, $text)", ("$hash", hash), ("$text", execution.Definition));
            Run(connection, """
                INSERT INTO executions(arn, state_machine_arn, name, status, input, start_date, definition_hash, role_arn, test_case)
                VALUES($arn, $machine, $name, $status, $input, $start, $hash, $role, $testCase)
                """, ("$arn", execution.Arn), ("$machine", execution.StateMachineArn), ("$name", execution.Name), ("$status", execution.Status),
                ("$input", execution.Input), ("$start", Ms(execution.StartDate)), ("$hash", hash), ("$role", execution.RoleArn),
                ("$testCase", execution.TestCase));
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT last_insert_rowid()";
            sequence = (long)command.ExecuteScalar()!;
        }).ConfigureAwait(false);
        return sequence;
    }

    public Task AppendEventsAsync(long executionSequence, IReadOnlyList<StoredEvent> events) => Enqueue(connection => InsertEvents(connection, executionSequence, events));

    /// <summary>Closes an execution: its final events and status in one transaction, so a restart never sees one without the other.</summary>
    public Task CompleteExecutionAsync(long executionSequence, IReadOnlyList<StoredEvent> events, string status, string? output, string? error, string? cause, DateTimeOffset stopDate) =>
        Enqueue(connection =>
        {
            InsertEvents(connection, executionSequence, events);
            Run(connection, "UPDATE executions SET status=$status, output=$output, error=$error, cause=$cause, stop_date=$stop WHERE seq=$seq",
                ("$status", status), ("$output", output), ("$error", error), ("$cause", cause), ("$stop", Ms(stopDate)), ("$seq", executionSequence));
        });

    /// <summary>A redrive reopens the execution: RUNNING again, one more redrive, no stop date or result.</summary>
    public Task ReopenForRedriveAsync(long executionSequence, int redriveCount, DateTimeOffset redriveDate) => Enqueue(connection => Run(connection, """
        UPDATE executions SET status='RUNNING', output=NULL, error=NULL, cause=NULL, stop_date=NULL, redrive_count=$count, redrive_date=$date
        WHERE seq=$seq
        """, ("$count", redriveCount), ("$date", Ms(redriveDate)), ("$seq", executionSequence)));

    // The writer's prepared event insert (only the writer thread uses it).
    private SqliteCommand? insertEvent;
    private SqliteParameter[] insertEventParameters = [];

    private void InsertEvents(SqliteConnection connection, long executionSequence, IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        if (insertEvent is null)
        {
            PrepareInsertEvent(connection);
        }
        var parameters = insertEventParameters;
        foreach (var e in events)
        {
            parameters[0].Value = executionSequence;
            parameters[1].Value = e.Id;
            parameters[2].Value = e.PreviousId;
            parameters[3].Value = Ms(e.Timestamp);
            parameters[4].Value = e.Type;
            parameters[5].Value = (object?)e.DetailsName ?? DBNull.Value;
            parameters[6].Value = (object?)e.Details ?? DBNull.Value;
            parameters[7].Value = e.ScopeKey;
            parameters[8].Value = e.Visit;
            parameters[9].Value = (object?)e.Next ?? DBNull.Value;
            insertEvent!.ExecuteNonQuery();
            // Same transaction as the event: whoever reads the event can read its log lines.
            foreach (var group in e.LogEvents.Select(log => log.LogGroupName).Distinct())
            {
                InsertLogGroup(connection, group, e.Timestamp.ToUnixTimeMilliseconds());
            }
            foreach (var log in e.LogEvents)
            {
                Run(connection, """
                    INSERT INTO log_events(log_group, log_stream, timestamp, ingestion_time, message)
                    VALUES($group, $stream, $timestamp, $ingestion, $message)
                    """, ("$group", log.LogGroupName), ("$stream", log.LogStreamName), ("$timestamp", log.Timestamp),
                    ("$ingestion", Ms(e.Timestamp)), ("$message", log.Message));
            }
        }
    }

    /// <summary>Creates a log group as Terraform does before anything logs to it; an existing one is kept.</summary>
    public Task EnsureLogGroupAsync(string name) =>
        Enqueue(connection => InsertLogGroup(connection, name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    private static void InsertLogGroup(SqliteConnection connection, string name, long creationTime) =>
        Run(connection, "INSERT OR IGNORE INTO log_groups(name, creation_time) VALUES($name, $time)", ("$name", name), ("$time", creationTime));

    private void PrepareInsertEvent(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO events(execution_seq, id, previous_id, timestamp, type, details_name, details, scope, visit, next)
            VALUES($seq, $id, $previous, $timestamp, $type, $detailsName, $details, $scope, $visit, $next)
            """;
        insertEventParameters = [.. new[] { "$seq", "$id", "$previous", "$timestamp", "$type", "$detailsName", "$details", "$scope", "$visit", "$next" }
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))];
        insertEvent = command;
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    internal static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static object? Ms(DateTimeOffset? date) => date?.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Run(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command.ExecuteNonQuery();
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        await writerLoop.ConfigureAwait(false);
        insertEvent?.Dispose();
        writer.Dispose();
        SqliteConnection.ClearPool(writer);
    }
}
