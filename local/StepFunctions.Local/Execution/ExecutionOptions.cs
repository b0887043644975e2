using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.Execution;

/// <summary>How one execution runs. Defaults match AWS Standard workflows. A record: derive variants with
/// <c>options with { ExecutionName = … }</c>.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Maps Task resources to integrations. Without one, every Task fails with a clear cause.</summary>
    public IResourceResolver? Resolver { get; init; }

    /// <summary>Multiplier for Wait states, retry intervals and simulated durations: 0 = instant, 1 = real time.
    /// Task and execution TimeoutSeconds stay in real time.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Receive every event as it happens (console views, stores, live streams).</summary>
    public IReadOnlyList<IExecutionSubscriber> Subscribers { get; init; } = [];

    /// <summary>Keep the GetExecutionHistory-shaped events in <see cref="ExecutionResult.History"/>.</summary>
    public bool RecordHistory { get; init; } = true;

    /// <summary>AWS fails an execution whose history passes 25,000 events; null lifts the limit.</summary>
    public int? MaxHistoryEvents { get; init; } = 25_000;

    /// <summary>AWS limits state inputs, outputs and task results to 262,144 bytes; null lifts the limit.</summary>
    public int? MaxPayloadBytes { get; init; } = 262_144;

    /// <summary>Continue from a recorded history (a restart after a crash, or a redrive) instead of starting afresh.</summary>
    public ExecutionReplay? Replay { get; init; }

    /// <summary>Awaited before each state runs: a store makes the events published so far durable here, so no
    /// step starts before the history that led to it is safe.</summary>
    public Func<CancellationToken, ValueTask>? Checkpoint { get; init; }

    /// <summary>Publish an <see cref="InspectionEvent"/> after each processing step (InputPath, Parameters, task
    /// result, ResultSelector, ResultPath), as TestState's inspection levels DEBUG and TRACE show them.</summary>
    public bool Inspect { get; init; }

    /// <summary>Where <c>.waitForTaskToken</c> tasks wait for SendTaskSuccess/SendTaskFailure (a service's API
    /// answers into it); without it such a task fails, naming the ways to run it.</summary>
    public Integrations.TaskTokens? TaskTokens { get; init; }

    /// <summary>Values the top-level variables start with (TestState's <c>variables</c>); none by default.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>Fields laid over the context object (<c>$$</c>, <c>$states.context</c>): TestState's <c>context</c>.</summary>
    public JsonObject? Context { get; init; }

    public string? ExecutionName { get; init; }
    public string RoleArn { get; init; } = (Arn.Local("iam", "role/service-role/StepFunctions-local-role") with { Region = "" }).ToString();
}
