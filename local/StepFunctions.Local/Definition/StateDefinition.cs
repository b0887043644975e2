using System.Text.Json.Nodes;
using StepFunctions.Local.InputOutput;
using StepFunctions.Local.Settings;

namespace StepFunctions.Local.Definition;

/// <summary>Fields every state type shares. Subclasses add their own. Immutable once parsed: the query
/// language is decided then, in <see cref="Io"/> and in the form of each setting.</summary>
public abstract class StateDefinition
{
    public required string Name { get; init; }
    public string? Comment { get; init; }
    public string? Next { get; init; }
    public bool End { get; init; }

    /// <summary>How the state reads its input and shapes its output and variables (JSONPath or JSONata).</summary>
    public required StateIo Io { get; init; }

    public abstract StateType Type { get; }
}

/// <summary>Retry and Catch, shared by Task, Parallel and Map.</summary>
public abstract class ErrorHandlingStateDefinition : StateDefinition
{
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

/// <summary>A Catcher: the errors it takes, where it goes, and how it shapes the error output (JSONPath:
/// ResultPath and Assign; JSONata: Output and Assign).</summary>
public sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, StateIo Io);

public sealed class TaskStateDefinition : ErrorHandlingStateDefinition
{
    public override StateType Type => StateType.Task;
    public required string Resource { get; init; }
    public Setting<long>? TimeoutSeconds { get; init; }
    public Setting<long>? HeartbeatSeconds { get; init; }
}

/// <summary>Pass: its JSONPath Result or Parameters are <see cref="JsonPathIo.Parameters"/>, its value.</summary>
public sealed class PassStateDefinition : StateDefinition
{
    public override StateType Type => StateType.Pass;
}

/// <summary>Wait: exactly one of <see cref="Seconds"/> and <see cref="Timestamp"/>.</summary>
public sealed class WaitStateDefinition : StateDefinition
{
    public override StateType Type => StateType.Wait;
    public Setting<long>? Seconds { get; init; }
    public Setting<DateTimeOffset>? Timestamp { get; init; }
}

public sealed class SucceedStateDefinition : StateDefinition
{
    public override StateType Type => StateType.Succeed;
}

public sealed class FailStateDefinition : StateDefinition
{
    public override StateType Type => StateType.Fail;
    public Setting<string>? Error { get; init; }
    public Setting<string>? Cause { get; init; }
}

public sealed class ChoiceStateDefinition : StateDefinition
{
    public override StateType Type => StateType.Choice;
    public required IReadOnlyList<ChoiceRule> Choices { get; init; }
    public string? Default { get; init; }
}

public sealed class ParallelStateDefinition : ErrorHandlingStateDefinition
{
    public override StateType Type => StateType.Parallel;
    public required IReadOnlyList<StateGraph> Branches { get; init; }
}

public sealed class MapStateDefinition : ErrorHandlingStateDefinition
{
    public override StateType Type => StateType.Map;

    /// <summary>ItemsPath (JSONPath) or Items (JSONata, default: the state input).</summary>
    public required Setting<JsonArray> Items { get; init; }

    /// <summary>ItemSelector (or the legacy Parameters of a JSONPath Map): each iteration's input, built with
    /// <c>$$.Map.Item</c>; null: the item itself.</summary>
    public Setting<JsonNode?>? ItemSelector { get; init; }

    public required StateGraph ItemProcessor { get; init; }
    public Setting<long> MaxConcurrency { get; init; } = new LiteralSetting<long>(0);
    public Setting<long>? ToleratedFailureCount { get; init; }
    public Setting<double>? ToleratedFailurePercentage { get; init; }
}
