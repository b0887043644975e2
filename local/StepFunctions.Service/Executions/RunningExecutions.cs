using System.Collections.Concurrent;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>One STANDARD execution this process runs now: its row, what stops it, what writes its history, and
/// the run itself.</summary>
internal sealed class RunningExecution(ExecutionRecord record)
{
    public ExecutionRecord Record { get; set; } = record;
    public CancellationTokenSource Stop { get; } = new();
    public StoreSubscriber? Subscriber { get; set; }
    public Task Completion { get; set; } = Task.CompletedTask;
}

/// <summary>The registry of the STANDARD executions this process runs, by ARN: an ARN is in it from the moment a
/// start, redrive or resume claims it until its run ends, so two of them never run the same execution.</summary>
internal sealed class RunningExecutions
{
    private readonly ConcurrentDictionary<string, RunningExecution> running = new(StringComparer.Ordinal);

    /// <summary>Claims the entry's ARN; false when another start, redrive or resume holds it.</summary>
    public bool TryClaim(RunningExecution entry) => running.TryAdd(entry.Record.Arn, entry);

    public RunningExecution? Find(string executionArn) => running.GetValueOrDefault(executionArn);

    public void Release(string executionArn) => running.TryRemove(executionArn, out _);

    public IEnumerable<RunningExecution> All => running.Values;
}
