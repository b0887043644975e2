using System.Text.Json.Nodes;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;

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

    /// <summary>The state's own QueryLanguage, or the state machine's.</summary>
    public QueryLanguage QueryLanguage { get; internal set; }

    /// <summary>JSONata states: the state output (default: the result for Task/Map/Parallel, else the input).</summary>
    public QueryTemplate? Output { get; internal set; }

    /// <summary>Workflow variables the state binds when it succeeds.</summary>
    public Assignment? Assign { get; internal set; }

    public bool IsJsonata => QueryLanguage == QueryLanguage.Jsonata;

    /// <summary>The state's "Type" as written in ASL.</summary>
    public abstract string Type { get; }
}

/// <summary>Retry and Catch, shared by Task, Parallel and Map.</summary>
public abstract class ErrorHandlingStateDefinition : StateDefinition
{
    public PayloadTemplate? Parameters { get; init; }

    /// <summary>JSONata: the task's parameters, or the input each Parallel branch gets.</summary>
    public QueryTemplate? Arguments { get; init; }
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

public sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, ResultPathField ResultPath,
    Assignment? Assign = null, QueryTemplate? Output = null);

public sealed class TaskStateDefinition : ErrorHandlingStateDefinition
{
    public override string Type => "Task";
    public required string Resource { get; init; }
    public int? TimeoutSeconds { get; init; }
    public JsonPath? TimeoutSecondsPath { get; init; }
    public int? HeartbeatSeconds { get; init; }
    public JsonPath? HeartbeatSecondsPath { get; init; }
    public QueryTemplate? TimeoutSecondsQuery { get; init; }
    public QueryTemplate? HeartbeatSecondsQuery { get; init; }
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
    public QueryTemplate? SecondsQuery { get; init; }
    public QueryTemplate? TimestampQuery { get; init; }
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
    public QueryTemplate? ErrorQuery { get; init; }
    public QueryTemplate? CauseQuery { get; init; }
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

    /// <summary>JSONata: the items (default: the state input), the item selector and the expression forms.</summary>
    public QueryTemplate? Items { get; init; }
    public QueryTemplate? ItemSelectorQuery { get; init; }
    public QueryTemplate? MaxConcurrencyQuery { get; init; }
    public QueryTemplate? ToleratedFailurePercentageQuery { get; init; }
    public QueryTemplate? ToleratedFailureCountQuery { get; init; }
}
