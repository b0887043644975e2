using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>How the server runs executions: the integrations behind Task states and the time scale.</summary>
public sealed class ExecutionSettings
{
    /// <summary>A resolver builder for one execution: <c>testCase</c> selects SFN_MOCK_CONFIG responses (null: none).</summary>
    public required Func<string?, string, ResolverBuilder> Resolvers { get; init; }

    public double TimeScale { get; init; } = 1;

    /// <summary>Subscribed to every execution besides the store (the status-change notifications).</summary>
    public IReadOnlyList<IExecutionSubscriber> Subscribers { get; init; } = [];
}

/// <summary>
/// Starts, stops, resumes and redrives executions. The store is the source of truth: an execution exists once
/// its row is committed, each history event is committed before the next step runs, and whatever is RUNNING
/// in the store when the server starts continues from its history.
/// </summary>
public sealed class ExecutionManager(SqliteStore store, ExecutionSettings settings) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningExecution> running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalStateMachine> compiled = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource shutdown = new();

    /// <summary>The callback tasks (<c>.waitForTaskToken</c>) of every execution, answered by SendTask*; the
    /// tokens' key lives beside the database, so a token stays valid across restarts of the same database.</summary>
    public TaskTokens TaskTokens { get; } = TaskTokens.ForKeyFile(store.Path + ".task-token-key");

    private sealed class RunningExecution(ExecutionRecord record)
    {
        public ExecutionRecord Record { get; set; } = record;
        public CancellationTokenSource Stop { get; } = new();
        public StoreSubscriber? Subscriber { get; set; }
        public Task Completion { get; set; } = Task.CompletedTask;
    }

    public int RunningCount => running.Count;

    /// <summary>Compiles a definition once per state machine and definition text.</summary>
    public LocalStateMachine Compile(string stateMachineArn, string definition) =>
        compiled.GetOrAdd(stateMachineArn + "|" + SqliteStore.Hash(definition),
            _ => LocalStateMachine.Create(definition, Arns.MachineName(stateMachineArn), stateMachineArn));

    /// <summary>The resolver an execution of <paramref name="machineName"/> uses; <paramref name="configure"/> adds to it (TestState's mock).</summary>
    public IResourceResolver Resolver(string? testCase, string machineName, Action<ResolverBuilder>? configure = null)
    {
        var builder = settings.Resolvers(testCase, machineName);
        // states:startExecution reaches the store's state machines (children are stored executions), looked up
        // only when a task starts one, so executions that start none read nothing.
        builder.StateMachines.Lookup = arn => store.GetStateMachine(arn) is { } machine ? new StoredStateMachine(machine, this, store) : null;
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>The execution once it has ended (its final status committed); waits while it runs.</summary>
    public async Task<ExecutionRecord> WaitForEndAsync(string executionArn, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (running.TryGetValue(executionArn, out var entry))
            {
                await entry.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            var execution = store.GetExecution(executionArn) ?? throw ApiException.ExecutionDoesNotExist(executionArn);
            if (execution.Status != "RUNNING")
            {
                return execution;
            }
            // Registered but not launched yet, or resumed at a restart: look again shortly.
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True once the server stops: executions then stay RUNNING, to resume at the next start.</summary>
    public bool ShuttingDown => shutdown.IsCancellationRequested;

    /// <summary>StartExecution for a STANDARD state machine. Reusing a running execution's name with the same
    /// input returns that execution (AWS's idempotent start); any other reuse is ExecutionAlreadyExists.</summary>
    public async Task<ExecutionRecord> StartAsync(StateMachineRecord machine, string name, string inputText, JsonNode? input, string? testCase)
    {
        var arn = Arns.Execution(machine.Arn, name);
        var record = new ExecutionRecord
        {
            Arn = arn,
            StateMachineArn = machine.Arn,
            Name = name,
            Status = "RUNNING",
            Input = inputText,
            StartDate = DateTimeOffset.UtcNow,
            Definition = machine.Definition,
            RoleArn = machine.RoleArn,
            TestCase = testCase,
        };
        var entry = new RunningExecution(record);
        if (!running.TryAdd(arn, entry))
        {
            return running.TryGetValue(arn, out var other) && other.Record.Input == inputText && other.Record.Sequence != 0
                ? other.Record
                : throw AlreadyExists(arn);
        }
        try
        {
            if (store.ExecutionExists(arn))
            {
                throw AlreadyExists(arn);
            }
            var sequence = await store.InsertExecutionAsync(record).ConfigureAwait(false);
            entry.Record = record = record with { Sequence = sequence };
        }
        catch
        {
            running.TryRemove(arn, out _);
            throw;
        }
        Launch(entry, input, replay: null);
        return record;
    }

    /// <summary>RedriveExecution: reopens a FAILED, TIMED_OUT or ABORTED execution and reruns what did not succeed.</summary>
    public async Task<ExecutionRecord> RedriveAsync(ExecutionRecord execution)
    {
        var entry = new RunningExecution(execution);
        if (!running.TryAdd(execution.Arn, entry))
        {
            throw new ApiException("ExecutionNotRedrivable", $"Execution is not redrivable: Execution is RUNNING and cannot be redriven");
        }
        try
        {
            var redriveDate = DateTimeOffset.UtcNow;
            var count = execution.RedriveCount + 1;
            await store.ReopenForRedriveAsync(execution.Sequence, count, redriveDate).ConfigureAwait(false);
            entry.Record = execution with { Status = "RUNNING", RedriveCount = count, RedriveDate = redriveDate, StopDate = null, Output = null, Error = null, Cause = null };
            Launch(entry, ParseInput(execution), Replay(entry.Record, ReplayMode.Redrive));
            return entry.Record;
        }
        catch
        {
            running.TryRemove(execution.Arn, out _);
            throw;
        }
    }

    /// <summary>At startup: every execution the store has as RUNNING continues from its last completed state.</summary>
    public int ResumeAll()
    {
        var resumed = 0;
        foreach (var execution in store.RunningExecutions())
        {
            var entry = new RunningExecution(execution);
            if (running.TryAdd(execution.Arn, entry))
            {
                Launch(entry, ParseInput(execution), Replay(execution, ReplayMode.Resume));
                resumed++;
            }
        }
        return resumed;
    }

    /// <summary>What the executor needs to continue: the recorded events with their places in the definition.
    /// A resume whose redrive never got its ExecutionRedriven event recorded is that redrive, started again.</summary>
    private ExecutionReplay Replay(ExecutionRecord execution, ReplayMode mode)
    {
        var events = store.GetEvents(execution.Sequence, 1, int.MaxValue, reverse: false);
        if (mode == ReplayMode.Resume && execution.RedriveCount > 0 && events.Count(e => e.Type == "ExecutionRedriven") < execution.RedriveCount)
        {
            mode = ReplayMode.Redrive;
        }
        return new ExecutionReplay
        {
            Mode = mode,
            StartTime = execution.StartDate,
            RedriveCount = execution.RedriveCount,
            RedriveTime = execution.RedriveDate,
            History = [.. events.Select(ToRecorded)],
        };
    }

    private static RecordedEvent ToRecorded(StoredEvent e)
    {
        var details = e.Details is null ? null : Json.Parse(e.Details) as JsonObject;
        var exited = e.Type.EndsWith("StateExited", StringComparison.Ordinal);
        return new RecordedEvent(e.Id, e.Type, e.ScopeKey)
        {
            StateName = details?["name"]?.GetValue<string>(),
            Visit = e.Visit,
            Next = e.Next,
            Output = exited && details?["output"] is JsonValue output ? Json.Parse(output.GetValue<string>()) : null,
            AssignedVariables = exited ? RecordedEvent.ParseAssigned(details?["assignedVariables"]) : null,
        };
    }

    private static JsonNode? ParseInput(ExecutionRecord execution) => Json.Parse(execution.Input ?? "{}");

    private static ApiException AlreadyExists(string arn) => new("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");

    private void Launch(RunningExecution entry, JsonNode? input, ExecutionReplay? replay) =>
        entry.Completion = Task.Run(() => RunAsync(entry, input, replay));

    private async Task RunAsync(RunningExecution entry, JsonNode? input, ExecutionReplay? replay)
    {
        var record = entry.Record;
        var subscriber = entry.Subscriber = new StoreSubscriber(store, record.Sequence);
        try
        {
            var machine = Compile(record.StateMachineArn, record.Definition);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(entry.Stop.Token, shutdown.Token);
            await machine.ExecuteAsync(input, new ExecutionOptions
            {
                ExecutionName = record.Name,
                RoleArn = record.RoleArn,
                Resolver = Resolver(record.TestCase, machine.Name),
                TimeScale = settings.TimeScale,
                TaskTokens = TaskTokens,
                // The other subscribers first: a status-change notice is in the outbox before the final status
                // commits, so whoever sees the execution ended also finds its notice.
                Subscribers = [.. settings.Subscribers, subscriber],
                Checkpoint = subscriber.CheckpointAsync,
                Replay = replay,
                RecordHistory = false,
            }, linked.Token).ConfigureAwait(false);
            await subscriber.CheckpointAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (shutdown.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
        {
            // The server is stopping: the execution stays RUNNING and resumes at the next start.
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"sfn-service: execution {record.Arn} could not be recorded: {e.Message}");
        }
        finally
        {
            running.TryRemove(record.Arn, out _);
        }
    }

    internal static StoredEvent ToStored(ExecutionEvent e)
    {
        var history = e.ToHistoryEvent();
        return new StoredEvent(history.Id, history.PreviousEventId, history.Timestamp, history.Type, history.DetailsName,
            history.Details is null ? null : Json.Serialize(history.Details))
        {
            ScopeKey = e.ScopeKey,
            Visit = e switch { StateEnteredEvent entered => entered.Visit, StateExitedEvent exited => exited.Visit, _ => 0 },
            Next = (e as StateExitedEvent)?.Next,
            LogEvents = LogEventsOf(e),
        };
    }

    /// <summary>What a Lambda attempt delivered to CloudWatch Logs (the invoker's <c>logGroupName</c>,
    /// <c>logStreamName</c> and <c>logEvents</c> metadata); empty for every other event.</summary>
    private static IReadOnlyList<LogEventRecord> LogEventsOf(ExecutionEvent e) =>
        (e switch { TaskSucceededEvent s => s.Metadata, TaskFailedEvent f => f.Metadata, _ => null }) is { } metadata
        && metadata["logGroupName"]?.GetValue<string>() is { } group && metadata["logStreamName"]?.GetValue<string>() is { } stream
        && metadata["logEvents"] is JsonArray events
            ? [.. events.OfType<JsonObject>().Select(log => new LogEventRecord(group, stream, log["timestamp"]!.GetValue<long>(), log["message"]!.GetValue<string>()))]
            : [];

    internal static string StatusText(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };

    /// <summary>An EXPRESS execution: run to completion, nothing stored (AWS keeps no history for them either).</summary>
    public async Task<ExecutionResult> RunUnrecordedAsync(StateMachineRecord machine, string name, JsonNode? input, string? testCase)
    {
        var compiledMachine = Compile(machine.Arn, machine.Definition);
        return await compiledMachine.ExecuteAsync(input, new ExecutionOptions
        {
            ExecutionName = name,
            RoleArn = machine.RoleArn,
            Resolver = Resolver(testCase, compiledMachine.Name),
            TimeScale = settings.TimeScale,
            TaskTokens = TaskTokens,
            Subscribers = settings.Subscribers,
            RecordHistory = false,
        }, shutdown.Token).ConfigureAwait(false);
    }

    /// <summary>StopExecution: aborts a running execution with the caller's error and cause; false when it is not running.</summary>
    public async Task<bool> StopAsync(string executionArn, string? error, string? cause)
    {
        if (!running.TryGetValue(executionArn, out var entry))
        {
            return false;
        }
        if (entry.Subscriber is { } subscriber)
        {
            subscriber.StopReason = (error, cause);
        }
        await entry.Stop.CancelAsync().ConfigureAwait(false);
        await entry.Completion.ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops running executions without recording their end: they stay RUNNING in the store and resume
    /// at the next start, as after a crash.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var entry in running.Values)
        {
            if (entry.Subscriber is { } subscriber)
            {
                subscriber.Detached = true;
            }
        }
        await shutdown.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running.Values.Select(r => r.Completion)).ConfigureAwait(false);
        shutdown.Dispose();
    }
}
