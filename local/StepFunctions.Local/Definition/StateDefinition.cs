using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;

namespace StepFunctions.Local.Definition;

/// <summary>Fields every state type shares. Subclasses add their own; unused ones keep their defaults.</summary>
public abstract class StateDefinition
{
    public required string Name { get; init; }
    public string? Comment { get; init; }
    public string? Next { get; init; }
    public bool End { get; init; }
    public PathField InputPath { get; init; } = PathField.Root;
    public PathField OutputPath { get; init; } = PathField.Root;

    /// <summary>The state's "Type" as written in ASL.</summary>
    public abstract string Type { get; }
}

/// <summary>Retry and Catch, shared by Task, Parallel and Map.</summary>
public abstract class ErrorHandlingStateDefinition : StateDefinition
{
    public PayloadTemplate? Parameters { get; init; }
    public PayloadTemplate? ResultSelector { get; init; }
    public ResultPathField ResultPath { get; init; } = ResultPathField.Root;
    public IReadOnlyList<Retrier> Retry { get; init; } = [];
    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}

public sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    double IntervalSeconds = 1,
    int MaxAttempts = 3,
    double BackoffRate = 2.0,
    double? MaxDelaySeconds = null,
    bool FullJitter = false);

public sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, ResultPathField ResultPath);

public sealed class TaskStateDefinition : ErrorHandlingStateDefinition
{
    public override string Type => "Task";
    public required string Resource { get; init; }
    public int? TimeoutSeconds { get; init; }
    public JsonPath? TimeoutSecondsPath { get; init; }
    public int? HeartbeatSeconds { get; init; }
    public JsonPath? HeartbeatSecondsPath { get; init; }
}

public sealed class PassStateDefinition : StateDefinition
{
    public override string Type => "Pass";
    public PayloadTemplate? Parameters { get; init; }
    public bool HasResult { get; init; }
    public JsonNode? Result { get; init; }
    public ResultPathField ResultPath { get; init; } = ResultPathField.Root;
}

public sealed class WaitStateDefinition : StateDefinition
{
    public override string Type => "Wait";
    public double? Seconds { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public JsonPath? SecondsPath { get; init; }
    public JsonPath? TimestampPath { get; init; }
}

public sealed class SucceedStateDefinition : StateDefinition
{
    public override string Type => "Succeed";
}

public sealed class FailStateDefinition : StateDefinition
{
    public override string Type => "Fail";
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public ValueExpression? ErrorPath { get; init; }
    public ValueExpression? CausePath { get; init; }
}

public sealed class ChoiceStateDefinition : StateDefinition
{
    public override string Type => "Choice";
    public required IReadOnlyList<ChoiceRule> Choices { get; init; }
    public string? Default { get; init; }
}

public sealed class ParallelStateDefinition : ErrorHandlingStateDefinition
{
    public override string Type => "Parallel";
    public required IReadOnlyList<StateGraph> Branches { get; init; }
}

public sealed class MapStateDefinition : ErrorHandlingStateDefinition
{
    public override string Type => "Map";
    public PathField ItemsPath { get; init; } = PathField.Root;

    /// <summary>ItemSelector, or the legacy Parameters field of a Map.</summary>
    public PayloadTemplate? ItemSelector { get; init; }

    public required StateGraph ItemProcessor { get; init; }
    public int MaxConcurrency { get; init; }
    public JsonPath? MaxConcurrencyPath { get; init; }
    public double? ToleratedFailurePercentage { get; init; }
    public JsonPath? ToleratedFailurePercentagePath { get; init; }
    public int? ToleratedFailureCount { get; init; }
    public JsonPath? ToleratedFailureCountPath { get; init; }
}
