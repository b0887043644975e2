using System.Text.Json.Nodes;

namespace StepFunctions.Local.Execution;

/// <summary>Live notifications for a console view or metrics. Override what you need. Map and Parallel call
/// these from several threads at once, so implementations must be thread-safe. Nodes are read-only.</summary>
public abstract class ExecutionObserver
{
    public virtual void OnExecutionStarted(ExecutionInfo execution) { }

    public virtual void OnStateEntered(StateEnteredEvent e) { }

    public virtual void OnStateExited(StateExitedEvent e) { }

    public virtual void OnStateFailed(StateFailedEvent e) { }

    public virtual void OnTaskScheduled(TaskScheduledEvent e) { }

    public virtual void OnTaskSucceeded(TaskCompletedEvent e) { }

    public virtual void OnTaskFailed(TaskCompletedEvent e) { }

    public virtual void OnExecutionCompleted(ExecutionResult result) { }
}

/// <summary><paramref name="Scope"/> locates nested states: "" at top level, "Map[3]" or "Parallel#1" inside.</summary>
public sealed record StateEnteredEvent(string ExecutionArn, string StateName, string StateType, string Scope, JsonNode? Input, DateTimeOffset Timestamp);

public sealed record StateExitedEvent(string ExecutionArn, string StateName, string StateType, string Scope, JsonNode? Output, TimeSpan Duration);

public sealed record StateFailedEvent(string ExecutionArn, string StateName, string StateType, string Scope, string Error, string? Cause, TimeSpan Duration);

public sealed record TaskScheduledEvent(string ExecutionArn, string StateName, string Resource, JsonNode? Parameters, int RetryCount);

/// <summary>A finished task attempt. <paramref name="Metadata"/> carries integration facts such as cold/warm start.</summary>
public sealed record TaskCompletedEvent(string ExecutionArn, string StateName, string Resource, JsonNode? Output, string? Error, string? Cause, TimeSpan Duration, JsonObject? Metadata);
