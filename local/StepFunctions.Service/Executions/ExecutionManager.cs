using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>
/// The STANDARD executions' lifecycle: start, stop, resume and redrive. The store is the source of truth: an
/// execution exists once its row is committed, each history event is committed before the next step runs, and
/// whatever is RUNNING in the store when the server starts continues from its history. EXPRESS runs are
/// <see cref="Express"/>'s.
/// </summary>
public sealed class ExecutionManager : IAsyncDisposable
{
    private readonly SqliteStore store;
    private readonly RunningExecutions running = new();
    private readonly CompiledMachines compiled;
    private readonly ExecutionWiring wiring;
    private readonly CancellationTokenSource shutdown = new();

    public ExecutionManager(SqliteStore store, ExecutionSettings settings)
    {
        this.store = store;
        compiled = new CompiledMachines(settings.MaxCompiledMachines);
        wiring = new ExecutionWiring(store, settings, machine => new StoredStateMachine(machine, this, store));
        Express = new ExpressRuns(compiled, wiring, settings.MaxExpressRuns, shutdown.Token);
    }

    /// <summary>The callback tasks (<c>.waitForTaskToken</c>) of every execution, answered by SendTask*.</summary>
    public TaskTokens TaskTokens => wiring.TaskTokens;

    /// <summary>EXPRESS executions, which run without being stored.</summary>
    internal ExpressRuns Express { get; }

    /// <summary>The resolver an execution of <paramref name="machineName"/> uses; <paramref name="configure"/> adds to it (TestState's mock).</summary>
    public IResourceResolver Resolver(string? testCase, string machineName, Action<ResolverBuilder>? configure = null) =>
        wiring.Resolver(testCase, machineName, configure);

    /// <summary>True once the server stops: executions then stay RUNNING, to resume at the next start.</summary>
    public bool ShuttingDown => shutdown.IsCancellationRequested;

    /// <summary>The execution once it has ended (its final status committed); waits while it runs.</summary>
    public async Task<ExecutionRecord> WaitForEndAsync(string executionArn, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (running.Find(executionArn) is { } entry)
            {
                await entry.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            var execution = store.GetExecution(executionArn) ?? throw DomainException.ExecutionDoesNotExist(executionArn);
            if (execution.Status != ExecutionStatus.Running)
            {
                return execution;
            }
            // Registered but not launched yet, or resumed at a restart: look again shortly.
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>StartExecution for a STANDARD state machine. Reusing a running execution's name with the same
    /// input returns that execution (AWS's idempotent start); any other reuse is ExecutionAlreadyExists.</summary>
    /// <param name="startedBy">What started it (<see cref="StartedBy"/>), recorded with its row.</param>
    public async Task<ExecutionRecord> StartAsync(StateMachineRecord machine, string name, string inputText, JsonNode? input, string? testCase, string? startedBy = null)
    {
        var arn = Arns.Execution(machine.Arn, name);
        var record = new ExecutionRecord
        {
            Arn = arn,
            StateMachineArn = machine.Arn,
            Name = name,
            Status = ExecutionStatus.Running,
            Input = inputText,
            StartDate = DateTimeOffset.UtcNow,
            Definition = machine.Definition,
            RoleArn = machine.RoleArn,
            TestCase = testCase,
            StartedBy = startedBy,
        };
        var entry = new RunningExecution(record);
        if (!running.TryClaim(entry))
        {
            return running.Find(arn) is { } other && other.Record.Input == inputText && other.Record.Sequence != 0
                ? other.Record
                : throw DomainException.ExecutionAlreadyExists(arn);
        }
        try
        {
            if (store.ExecutionExists(arn))
            {
                throw DomainException.ExecutionAlreadyExists(arn);
            }
            var sequence = await store.InsertExecutionAsync(record).ConfigureAwait(false);
            entry.Record = record = record with { Sequence = sequence };
        }
        catch
        {
            running.Release(arn);
            throw;
        }
        Launch(entry, input, replay: null);
        return record;
    }

    /// <summary>RedriveExecution: reopens a FAILED, TIMED_OUT or ABORTED execution and reruns what did not succeed.</summary>
    public async Task<ExecutionRecord> RedriveAsync(ExecutionRecord execution)
    {
        var entry = new RunningExecution(execution);
        if (!running.TryClaim(entry))
        {
            throw DomainException.NotRedrivable(Redrive.NotEnded(ExecutionStatus.Running));
        }
        try
        {
            var redriveDate = DateTimeOffset.UtcNow;
            var count = execution.RedriveCount + 1;
            await store.ReopenForRedriveAsync(execution.Sequence, count, redriveDate).ConfigureAwait(false);
            entry.Record = execution with { Status = ExecutionStatus.Running, RedriveCount = count, RedriveDate = redriveDate, StopDate = null, Output = null, Error = null, Cause = null };
            Launch(entry, ParseInput(execution), Replay(entry.Record, ReplayMode.Redrive));
            return entry.Record;
        }
        catch
        {
            running.Release(execution.Arn);
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
            if (running.TryClaim(entry))
            {
                Launch(entry, ParseInput(execution), Replay(execution, ReplayMode.Resume));
                resumed++;
            }
        }
        return resumed;
    }

    /// <summary>StopExecution: aborts a running execution with the caller's error and cause; false when it is not running.</summary>
    public async Task<bool> StopAsync(string executionArn, string? error, string? cause)
    {
        if (running.Find(executionArn) is not { } entry)
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

    private ExecutionReplay Replay(ExecutionRecord execution, ReplayMode mode) =>
        HistoryReplay.Of(execution, store.GetEvents(execution.Sequence, 1, int.MaxValue, reverse: false), mode);

    private static JsonNode? ParseInput(ExecutionRecord execution) => Json.Parse(execution.Input ?? "{}");

    private void Launch(RunningExecution entry, JsonNode? input, ExecutionReplay? replay) =>
        entry.Completion = Task.Run(() => RunAsync(entry, input, replay));

    private async Task RunAsync(RunningExecution entry, JsonNode? input, ExecutionReplay? replay)
    {
        var record = entry.Record;
        var subscriber = entry.Subscriber = new StoreSubscriber(store, record.Sequence);
        try
        {
            var machine = compiled.Get(record.StateMachineArn, record.Definition);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(entry.Stop.Token, shutdown.Token);
            var options = wiring.Options(record.Name, record.RoleArn, record.TestCase, machine.Name);
            await machine.ExecuteAsync(input, options with
            {
                // The other subscribers first: a status-change notice is in the outbox before the final status
                // commits, so whoever sees the execution ended also finds its notice.
                Subscribers = [.. options.Subscribers, subscriber],
                Checkpoint = subscriber.CheckpointAsync,
                Replay = replay,
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
            running.Release(record.Arn);
        }
    }

    /// <summary>Stops running executions without recording their end: they stay RUNNING in the store and resume
    /// at the next start, as after a crash.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var entry in running.All)
        {
            if (entry.Subscriber is { } subscriber)
            {
                subscriber.Detached = true;
            }
        }
        await shutdown.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running.All.Select(r => r.Completion)).ConfigureAwait(false);
        shutdown.Dispose();
    }
}
