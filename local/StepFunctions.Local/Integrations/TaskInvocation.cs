using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations;

/// <summary>One attempt of a Task state, as handed to an integration.</summary>
public sealed class TaskInvocation
{
    private readonly Action<object, JsonNode?>? onSubmitted;
    private readonly object? submittedState;

    /// <summary>Invocations made outside the engine (tests of an integration) have nowhere to report to.</summary>
    public TaskInvocation()
    {
    }

    internal TaskInvocation(Action<object, JsonNode?> onSubmitted, object state)
    {
        this.onSubmitted = onSubmitted;
        submittedState = state;
    }

    public required string StateName { get; init; }
    public required ResourceArn Resource { get; init; }

    /// <summary>The effective parameters (after InputPath and Parameters). Read-only: never mutate it.</summary>
    public required JsonNode? Input { get; init; }

    /// <summary>0 for the first attempt, then 1, 2… for retries.</summary>
    public required int RetryCount { get; init; }

    public required ExecutionInfo Execution { get; init; }
    public required double TimeScale { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? HeartbeatSeconds { get; init; }
    public string? TaskToken { get; init; }

    /// <summary>What a Lambda invocation reported besides its payload; set by the Lambda integration.</summary>
    public LambdaInvocationReport? Lambda { get; set; }

    /// <summary>For <c>.sync</c> integrations: records TaskSubmitted with the submit response (e.g. RunTask's).</summary>
    public void ReportSubmitted(JsonNode? output) => onSubmitted?.Invoke(submittedState!, output);

    /// <summary>Waits simulated time, honouring the execution's time scale (0 = no wait).</summary>
    public Task DelayAsync(TimeSpan simulated, CancellationToken cancellationToken) =>
        TimeScale <= 0 || simulated <= TimeSpan.Zero ? Task.CompletedTask : Durations.DelayAsync(simulated * TimeScale, cancellationToken);
}
