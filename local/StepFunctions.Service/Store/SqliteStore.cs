using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using StepFunctions.Local.Execution;

namespace StepFunctions.Service.Store;

/// <summary>
/// The durable store: one SQLite file (WAL) with the state machines, executions, their histories and the Lambdas'
/// log events. Writes go through the <see cref="GroupCommitWriter"/> (one transaction per group of writes, urgent
/// ones first); a write's task completes once committed. Reads use their own pooled connections and never wait
/// for the writer.
/// </summary>
public sealed partial class SqliteStore : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly GroupCommitWriter writer;

    private SqliteStore(string path, int maxQueuedWrites)
    {
        Path = path;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        writer = new GroupCommitWriter(connectionString, path, Schema, maxQueuedWrites);
    }

    public string Path { get; }

    /// <param name="maxQueuedWrites">History writes queued at most before executions and starts wait for the writer.</param>
    public static SqliteStore Open(string path, int maxQueuedWrites = GroupCommitWriter.DefaultMaxQueued)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        try
        {
            return new SqliteStore(path, maxQueuedWrites);
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
        -- What started each execution (schedule, event, api, console, cli, sdk, execution): a table of its own rather
        -- than a column, so databases made before it need no migration (CREATE ... IF NOT EXISTS adds it).
        CREATE TABLE IF NOT EXISTS execution_starts(execution_seq INTEGER PRIMARY KEY, started_by TEXT NOT NULL);
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

    public async Task UpsertStateMachineAsync(StateMachineRecord machine)
    {
        await writer.Enqueue(() => writer.Run("""
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
        await writer.Enqueue(() => writer.Run("DELETE FROM state_machines WHERE arn=$arn", ("$arn", arn)), urgent: true).ConfigureAwait(false);
        ForgetStateMachine(arn);
    }

    /// <summary>Records a new execution (RUNNING) with the definition it runs; returns its sequence number.</summary>
    public async Task<long> InsertExecutionAsync(ExecutionRecord execution)
    {
        long sequence = 0;
        var hash = Hash(execution.Definition);
        // Back-pressure: while the history backlog is full, no new execution adds to it.
        await writer.WaitForRoomAsync(CancellationToken.None).ConfigureAwait(false);
        await writer.Enqueue(() =>
        {
            writer.Run("INSERT OR IGNORE INTO definitions(hash, text) VALUES($hash, $text)", ("$hash", hash), ("$text", execution.Definition));
            writer.Run("""
                INSERT INTO executions(arn, state_machine_arn, name, status, input, start_date, definition_hash, role_arn, test_case)
                VALUES($arn, $machine, $name, $status, $input, $start, $hash, $role, $testCase)
                """, ("$arn", execution.Arn), ("$machine", execution.StateMachineArn), ("$name", execution.Name), ("$status", execution.Status.ToApiName()),
                ("$input", execution.Input), ("$start", Ms(execution.StartDate)), ("$hash", hash), ("$role", execution.RoleArn),
                ("$testCase", execution.TestCase));
            sequence = writer.LastInsertRowId;
            if (execution.StartedBy is { } startedBy)
            {
                writer.Run("INSERT INTO execution_starts(execution_seq, started_by) VALUES($seq, $by)", ("$seq", sequence), ("$by", startedBy));
            }
        }, urgent: true).ConfigureAwait(false);
        return sequence;
    }

    /// <summary>Completes once the history backlog has room: an execution waits here before its next state.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken) => writer.WaitForRoomAsync(cancellationToken);

    public Task AppendEventsAsync(long executionSequence, IReadOnlyList<StoredEvent> events) =>
        writer.Enqueue(() => InsertEvents(executionSequence, events), urgent: false);

    /// <summary>Closes an execution: its final events and status in one transaction, so a restart never sees one without the other.</summary>
    public Task CompleteExecutionAsync(long executionSequence, IReadOnlyList<StoredEvent> events, ExecutionStatus status, string? output, string? error, string? cause, DateTimeOffset stopDate) =>
        writer.Enqueue(() =>
        {
            InsertEvents(executionSequence, events);
            writer.Run("UPDATE executions SET status=$status, output=$output, error=$error, cause=$cause, stop_date=$stop WHERE seq=$seq",
                ("$status", status.ToApiName()), ("$output", output), ("$error", error), ("$cause", cause), ("$stop", Ms(stopDate)), ("$seq", executionSequence));
        }, urgent: false);

    /// <summary>A redrive reopens the execution: RUNNING again, one more redrive, no stop date or result.</summary>
    public Task ReopenForRedriveAsync(long executionSequence, int redriveCount, DateTimeOffset redriveDate) => writer.Enqueue(() => writer.Run("""
        UPDATE executions SET status=$status, output=NULL, error=NULL, cause=NULL, stop_date=NULL, redrive_count=$count, redrive_date=$date
        WHERE seq=$seq
        """, ("$status", ExecutionStatus.Running.ToApiName()), ("$count", redriveCount), ("$date", Ms(redriveDate)), ("$seq", executionSequence)), urgent: true);

    // The event insert, on SQLite's C API: it runs for every history event, and Microsoft.Data.Sqlite's
    // parameter binding allocated more per event than the event itself (text is bound as UTF-16, uncopied here).
    // Kept here rather than looked up by its text for every batch; the writer finalizes it.
    private sqlite3_stmt? insertEvent;

    private void InsertEvents(long executionSequence, IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        var statement = insertEvent ??= writer.Prepared("""
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
            writer.Step(statement);
            // Same transaction as the event: whoever reads the event can read its log lines.
            foreach (var group in e.LogEvents.Select(log => log.LogGroupName).Distinct())
            {
                InsertLogGroup(group, e.Timestamp.ToUnixTimeMilliseconds());
            }
            foreach (var log in e.LogEvents)
            {
                writer.Run("""
                    INSERT INTO log_events(log_group, log_stream, timestamp, ingestion_time, message)
                    VALUES($group, $stream, $timestamp, $ingestion, $message)
                    """, ("$group", log.LogGroupName), ("$stream", log.LogStreamName), ("$timestamp", log.Timestamp),
                    ("$ingestion", Ms(e.Timestamp)), ("$message", log.Message));
            }
        }
    }

    private static void BindText(sqlite3_stmt statement, int index, string? text) =>
        _ = text is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, text.AsSpan());

    /// <summary>Creates a log group as Terraform does before anything logs to it; an existing one is kept.</summary>
    public Task EnsureLogGroupAsync(string name) =>
        writer.Enqueue(() => InsertLogGroup(name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), urgent: true);

    private void InsertLogGroup(string name, long creationTime) =>
        writer.Run("INSERT OR IGNORE INTO log_groups(name, creation_time) VALUES($name, $time)", ("$name", name), ("$time", creationTime));

    // ---- helpers ------------------------------------------------------------------------------------------

    // A definition's hash, kept per definition string: a started execution's definition is the cached state
    // machine's own string, so it is hashed once, not at every StartExecution (definitions reach 1 MiB).
    private static readonly ConditionalWeakTable<string, string> Hashes = [];

    internal static string Hash(string text) =>
        Hashes.GetValue(text, static text => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));

    private static object? Ms(DateTimeOffset? date) => date?.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Commits what is queued and closes the file.</summary>
    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
