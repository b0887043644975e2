using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using StepFunctions.Local.Execution;

namespace StepFunctions.Service.Store;

public sealed partial class SqliteStore
{
    private const string ExecutionColumns = """
        e.arn, e.state_machine_arn, e.name, e.status, e.input, e.output, e.error, e.cause, e.start_date, e.stop_date,
        d.text, e.role_arn, e.test_case, e.redrive_count, e.redrive_date, e.seq,
        (SELECT s.started_by FROM execution_starts s WHERE s.execution_seq=e.seq)
        """;

    public IReadOnlyList<StateMachineRecord> ListStateMachines()
    {
        using var connection = OpenReader();
        return Query(connection, "SELECT arn, name, type, definition, role_arn, created, updated, revision_id, deployed FROM state_machines ORDER BY name", ReadMachine);
    }

    // State machines as last read, so StartExecution does not read the machine (and its definition) from the
    // file every time. Only this store writes them: each write drops its entry once committed, and bumps the
    // generation so a read that raced with the write cannot put the old row back.
    private readonly ConcurrentDictionary<string, StateMachineRecord> machines = new(StringComparer.Ordinal);
    private readonly Lock machinesLock = new();
    private long machinesGeneration;

    public StateMachineRecord? GetStateMachine(string arn)
    {
        if (machines.TryGetValue(arn, out var cached))
        {
            return cached;
        }
        var generation = Interlocked.Read(ref machinesGeneration);
        StateMachineRecord? machine;
        using (var connection = OpenReader())
        {
            machine = Query(connection, "SELECT arn, name, type, definition, role_arn, created, updated, revision_id, deployed FROM state_machines WHERE arn=$arn", ReadMachine, ("$arn", arn)).FirstOrDefault();
        }
        if (machine is not null)
        {
            lock (machinesLock)
            {
                if (generation == machinesGeneration)
                {
                    machines[arn] = machine;
                }
            }
        }
        return machine;
    }

    private void ForgetStateMachine(string arn)
    {
        lock (machinesLock)
        {
            machinesGeneration++;
            machines.TryRemove(arn, out _);
        }
    }

    /// <summary>Whether an execution of this ARN was ever recorded (StartExecution's name check; reads no columns).</summary>
    public bool ExecutionExists(string arn)
    {
        using var connection = OpenReader();
        return Query(connection, "SELECT 1 FROM executions WHERE arn=$arn", _ => true, ("$arn", arn)).Count > 0;
    }

    public ExecutionRecord? GetExecution(string arn)
    {
        using var connection = OpenReader();
        return Query(connection, $"SELECT {ExecutionColumns} FROM executions e JOIN definitions d ON d.hash=e.definition_hash WHERE e.arn=$arn",
            ReadExecution, ("$arn", arn)).FirstOrDefault();
    }

    /// <summary>Newest first. <paramref name="beforeSequence"/> continues a page (the pagination token).</summary>
    public IReadOnlyList<ExecutionRecord> ListExecutions(string stateMachineArn, ExecutionStatus? status, bool? redriven, long? beforeSequence, int limit)
    {
        using var connection = OpenReader();
        return Query(connection, $"""
            SELECT {ExecutionColumns} FROM executions e JOIN definitions d ON d.hash=e.definition_hash
            WHERE e.state_machine_arn=$machine AND ($status IS NULL OR e.status=$status) AND ($before IS NULL OR e.seq < $before)
              AND ($redriven IS NULL OR (e.redrive_count > 0) = $redriven)
            ORDER BY e.seq DESC LIMIT $limit
            """, ReadExecution, ("$machine", stateMachineArn), ("$status", status?.ToApiName()), ("$redriven", redriven), ("$before", beforeSequence), ("$limit", limit));
    }

    public IReadOnlyList<ExecutionRecord> RunningExecutions()
    {
        using var connection = OpenReader();
        return Query(connection, $"SELECT {ExecutionColumns} FROM executions e JOIN definitions d ON d.hash=e.definition_hash WHERE e.status=$status ORDER BY e.seq",
            ReadExecution, ("$status", ExecutionStatus.Running.ToApiName()));
    }

    /// <summary>Up to <paramref name="limit"/> events from id <paramref name="fromId"/> on (or down, when reversed).</summary>
    public IReadOnlyList<StoredEvent> GetEvents(long executionSequence, long fromId, int limit, bool reverse)
    {
        using var connection = OpenReader();
        var sql = reverse
            ? "SELECT id, previous_id, timestamp, type, details_name, details, scope, visit, next FROM events WHERE execution_seq=$seq AND id <= $from ORDER BY id DESC LIMIT $limit"
            : "SELECT id, previous_id, timestamp, type, details_name, details, scope, visit, next FROM events WHERE execution_seq=$seq AND id >= $from ORDER BY id LIMIT $limit";
        return Query(connection, sql, ReadEvent, ("$seq", executionSequence), ("$from", fromId), ("$limit", limit));
    }

    // ---- CloudWatch Logs -----------------------------------------------------------------------------------

    /// <summary>Log groups by name, from <paramref name="after"/> (exclusive, the pagination token) on.</summary>
    public IReadOnlyList<LogGroupRecord> ListLogGroups(string? prefix, string? after, int limit)
    {
        using var connection = OpenReader();
        return Query(connection, """
            SELECT g.name, g.creation_time, COALESCE((SELECT SUM(length(CAST(message AS BLOB))) FROM log_events WHERE log_group=g.name), 0)
            FROM log_groups g
            WHERE ($prefix IS NULL OR substr(g.name, 1, length($prefix)) = $prefix) AND ($after IS NULL OR g.name > $after)
            ORDER BY g.name LIMIT $limit
            """, r => new LogGroupRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2)), ("$prefix", prefix), ("$after", after), ("$limit", limit));
    }

    public bool LogGroupExists(string name)
    {
        using var connection = OpenReader();
        return Query(connection, "SELECT 1 FROM log_groups WHERE name=$name", _ => true, ("$name", name)).Count > 0;
    }

    /// <summary>A group's streams by name, from <paramref name="after"/> (exclusive) on.</summary>
    public IReadOnlyList<LogStreamRecord> ListLogStreams(string group, string? prefix, string? after, int limit)
    {
        using var connection = OpenReader();
        return Query(connection, """
            SELECT log_stream, MIN(timestamp), MAX(timestamp), MAX(ingestion_time) FROM log_events
            WHERE log_group=$group AND ($prefix IS NULL OR substr(log_stream, 1, length($prefix)) = $prefix) AND ($after IS NULL OR log_stream > $after)
            GROUP BY log_stream ORDER BY log_stream LIMIT $limit
            """, r => new LogStreamRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)),
            ("$group", group), ("$prefix", prefix), ("$after", after), ("$limit", limit));
    }

    /// <summary>Up to <paramref name="limit"/> events of a group in time order (newest first when
    /// <paramref name="newestFirst"/>), strictly past the <paramref name="cursor"/> (timestamp, sequence) in that order;
    /// only those of <paramref name="streams"/> or of streams starting with <paramref name="streamPrefix"/> when given,
    /// and within [<paramref name="startTime"/>, <paramref name="endTime"/>] (epoch ms, inclusive).</summary>
    public IReadOnlyList<LogEventRecord> ReadLogEvents(string group, IReadOnlyCollection<string>? streams, string? streamPrefix,
        long? startTime, long? endTime, (long Timestamp, long Sequence)? cursor, int limit, bool newestFirst = false)
    {
        using var connection = OpenReader();
        var (order, past) = newestFirst ? ("DESC", "<") : ("ASC", ">");
        return Query(connection, $"""
            SELECT log_group, log_stream, timestamp, message, ingestion_time, seq FROM log_events
            WHERE log_group=$group
              AND ($streams IS NULL OR log_stream IN (SELECT value FROM json_each($streams)))
              AND ($prefix IS NULL OR substr(log_stream, 1, length($prefix)) = $prefix)
              AND ($start IS NULL OR timestamp >= $start) AND ($end IS NULL OR timestamp <= $end)
              AND ($cursorTime IS NULL OR (timestamp, seq) {past} ($cursorTime, $cursorSeq))
            ORDER BY timestamp {order}, seq {order} LIMIT $limit
            """, r => new LogEventRecord(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3)) { IngestionTime = r.GetInt64(4), Sequence = r.GetInt64(5) },
            ("$group", group), ("$streams", streams is null ? null : new JsonArray([.. streams.Select(s => (JsonNode?)s)]).ToJsonString()),
            ("$prefix", streamPrefix), ("$start", startTime), ("$end", endTime), ("$cursorTime", cursor?.Timestamp), ("$cursorSeq", cursor?.Sequence),
            ("$limit", limit));
    }

    private static StateMachineRecord ReadMachine(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), FromMs(r.GetInt64(5)),
        r.IsDBNull(6) ? null : FromMs(r.GetInt64(6)), r.IsDBNull(7) ? null : r.GetString(7), r.GetInt64(8) != 0);

    /// <summary>The newest executions of a state machine that <paramref name="startedBy"/> started (the schedule's runs).</summary>
    public IReadOnlyList<ExecutionRecord> ListExecutionsStartedBy(string stateMachineArn, string startedBy, int limit)
    {
        using var connection = OpenReader();
        return Query(connection, $"""
            SELECT {ExecutionColumns} FROM executions e JOIN definitions d ON d.hash=e.definition_hash
            JOIN execution_starts s ON s.execution_seq=e.seq
            WHERE e.state_machine_arn=$machine AND s.started_by=$by ORDER BY e.seq DESC LIMIT $limit
            """, ReadExecution, ("$machine", stateMachineArn), ("$by", startedBy), ("$limit", limit));
    }

    private static ExecutionRecord ReadExecution(SqliteDataReader r) => new()
    {
        Arn = r.GetString(0),
        StateMachineArn = r.GetString(1),
        Name = r.GetString(2),
        Status = ExecutionStatusExtensions.ParseApiName(r.GetString(3)),
        Input = r.IsDBNull(4) ? null : r.GetString(4),
        Output = r.IsDBNull(5) ? null : r.GetString(5),
        Error = r.IsDBNull(6) ? null : r.GetString(6),
        Cause = r.IsDBNull(7) ? null : r.GetString(7),
        StartDate = FromMs(r.GetInt64(8)),
        StopDate = r.IsDBNull(9) ? null : FromMs(r.GetInt64(9)),
        Definition = r.GetString(10),
        RoleArn = r.GetString(11),
        TestCase = r.IsDBNull(12) ? null : r.GetString(12),
        RedriveCount = r.GetInt32(13),
        RedriveDate = r.IsDBNull(14) ? null : FromMs(r.GetInt64(14)),
        Sequence = r.GetInt64(15),
        StartedBy = r.IsDBNull(16) ? null : r.GetString(16),
    };

    private static StoredEvent ReadEvent(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), FromMs(r.GetInt64(2)), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5))
    {
        ScopeKey = r.IsDBNull(6) ? "" : r.GetString(6),
        Visit = r.IsDBNull(7) ? 0 : r.GetInt32(7),
        Next = r.IsDBNull(8) ? null : r.GetString(8),
    };

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
