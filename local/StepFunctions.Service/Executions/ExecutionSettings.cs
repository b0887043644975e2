using StepFunctions.Local;
using StepFunctions.Local.Execution;

namespace StepFunctions.Service.Executions;

/// <summary>How the server runs executions: the integrations behind Task states and the time scale.</summary>
public sealed class ExecutionSettings
{
    /// <summary>A resolver builder for one execution: <c>testCase</c> selects SFN_MOCK_CONFIG responses (null: none).</summary>
    public required Func<string?, string, ResolverBuilder> Resolvers { get; init; }

    public double TimeScale { get; init; } = 1;

    /// <summary>Subscribed to every execution besides the store (the status-change notifications).</summary>
    public IReadOnlyList<IExecutionSubscriber> Subscribers { get; init; } = [];

    /// <summary>Compiled definitions kept (least recently used evicted first).</summary>
    public int MaxCompiledMachines { get; init; } = CompiledMachines.DefaultCapacity;

    /// <summary>EXPRESS executions running at once; a start beyond is ThrottlingException.</summary>
    public int MaxExpressRuns { get; init; } = ExpressRuns.DefaultMaxRunning;
}
