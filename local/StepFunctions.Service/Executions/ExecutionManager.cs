using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>How the server runs executions: the integrations behind Task states, the time scale, mocks.</summary>
public sealed class ExecutionSettings
{
    /// <summary>A resolver for one execution: <c>testCase</c> selects SFN_MOCK_CONFIG responses (null: none).</summary>
    public required Func<string?, string, IResourceResolver> Resolver { get; init; }

    public double TimeScale { get; init; } = 1;
}

/// <summary>
/// Starts, stops and tracks executions. The store is the source of truth: an execution exists once its row is
/// committed, its history is written as it happens, and whatever is RUNNING in the store when the server
/// starts is picked up again.
/// </summary>
public sealed class ExecutionManager(SqliteStore store, ExecutionSettings settings) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningExecution> running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalStateMachine> compiled = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource shutdown = new();

    private sealed class RunningExecution(ExecutionRecord record)
    {
        public ExecutionRecord Record { get; set; } = record;
        public CancellationTokenSource Stop { get; } = new();
        public (string? Error, string? Cause)? StopReason { get; set; }
        public Task Completion { get; set; } = Task.CompletedTask;
    }

    public int RunningCount => running.Count;

    /// <summary>Compiles a definition once per state machine and definition text.</summary>
    public LocalStateMachine Compile(string stateMachineArn, string definition) =>
        compiled.GetOrAdd(stateMachineArn + "|" + SqliteStore.Hash(definition),
            _ => LocalStateMachine.Create(definition, Arns.MachineName(stateMachineArn), stateMachineArn));

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
            if (store.GetExecution(arn) is not null)
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
        entry.Completion = Task.Run(() => RunAsync(entry, input));
        return record;
    }

    private static ApiException AlreadyExists(string arn) => new("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");

    private async Task RunAsync(RunningExecution entry, JsonNode? input)
    {
        var record = entry.Record;
        try
        {
            var machine = Compile(record.StateMachineArn, record.Definition);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(entry.Stop.Token, shutdown.Token);
            var result = await machine.ExecuteAsync(input, new ExecutionOptions
            {
                ExecutionName = record.Name,
                RoleArn = record.RoleArn,
                Resolver = settings.Resolver(record.TestCase, machine.Name),
                TimeScale = settings.TimeScale,
            }, linked.Token).ConfigureAwait(false);
            if (shutdown.IsCancellationRequested && !entry.Stop.IsCancellationRequested)
            {
                return; // The server is stopping: the execution stays RUNNING and resumes at the next start.
            }
            var (error, cause) = entry.StopReason is { } reason ? reason : (result.Error, result.Cause);
            await store.CompleteExecutionAsync(record.Sequence, [.. result.History.Select(ToStored)], result.StatusText,
                result.Output is null ? null : Json.Serialize(result.Output), error, cause, result.StopDate).ConfigureAwait(false);
        }
        finally
        {
            running.TryRemove(record.Arn, out _);
        }
    }

    /// <summary>An EXPRESS execution: run to completion, nothing stored (AWS keeps no history for them either).</summary>
    public async Task<ExecutionResult> RunUnrecordedAsync(StateMachineRecord machine, string name, JsonNode? input, string? testCase)
    {
        var compiledMachine = Compile(machine.Arn, machine.Definition);
        return await compiledMachine.ExecuteAsync(input, new ExecutionOptions
        {
            ExecutionName = name,
            RoleArn = machine.RoleArn,
            Resolver = settings.Resolver(testCase, compiledMachine.Name),
            TimeScale = settings.TimeScale,
            RecordHistory = false,
        }, shutdown.Token).ConfigureAwait(false);
    }

    public Task<ExecutionRecord> RedriveAsync(ExecutionRecord execution) =>
        throw new ApiException("ExecutionNotRedrivable", $"Redrive is being implemented ({execution.Arn}).");

    internal static StoredEvent ToStored(HistoryEvent e) =>
        new(e.Id, e.PreviousEventId, e.Timestamp, e.Type, e.DetailsName, e.Details is null ? null : Json.Serialize(e.Details));

    /// <summary>StopExecution: aborts a running execution with the caller's error and cause; returns false when it is not running.</summary>
    public async Task<bool> StopAsync(string executionArn, string? error, string? cause)
    {
        if (!running.TryGetValue(executionArn, out var entry))
        {
            return false;
        }
        entry.StopReason = (error, cause);
        await entry.Stop.CancelAsync().ConfigureAwait(false);
        await entry.Completion.ConfigureAwait(false);
        return true;
    }

    /// <summary>Waits until no execution is running (tests and benchmarks).</summary>
    public async Task DrainAsync()
    {
        while (!running.IsEmpty)
        {
            await Task.WhenAll(running.Values.Select(r => r.Completion)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running.Values.Select(r => r.Completion)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        shutdown.Dispose();
    }
}
