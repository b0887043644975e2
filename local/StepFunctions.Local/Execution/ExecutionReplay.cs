using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Execution;

/// <summary>How <see cref="ExecutionReplay"/> continues an execution.</summary>
public enum ReplayMode
{
    /// <summary>The run was interrupted (the process died or stopped): continue it. Events the interrupted
    /// states had already recorded are not recorded again.</summary>
    Resume,

    /// <summary>RedriveExecution: the run ended FAILED, TIMED_OUT or ABORTED; record ExecutionRedriven and rerun
    /// what did not succeed, with new events after the old ones.</summary>
    Redrive,
}

/// <summary>One event of the recorded history, as a store kept it: its id and type, where it happened
/// (<see cref="ExecutionEvent.ScopeKey"/>), and for state events the state, its visit and, when it exited,
/// its output, the variables it assigned and the state it went to.</summary>
public sealed record RecordedEvent(long Id, string Type, string ScopeKey)
{
    public string? StateName { get; init; }
    public int Visit { get; init; }
    public JsonNode? Output { get; init; }
    public string? Next { get; init; }

    /// <summary>The values the state's Assign gave (the history's <c>assignedVariables</c>, parsed); replaying the
    /// exit assigns them again, so the states that rerun read what they read the first time.</summary>
    public JsonObject? AssignedVariables { get; init; }

    /// <summary>The history's <c>assignedVariables</c> (each value as its JSON text) as values; null when absent.</summary>
    public static JsonObject? ParseAssigned(JsonNode? assignedVariables) => assignedVariables is JsonObject texts
        ? new JsonObject(texts.Select(p => KeyValuePair.Create(p.Key, p.Value is JsonValue text ? Json.Parse(text.GetValue<string>()) : null)))
        : null;
}

/// <summary>
/// Continue an execution from its history instead of starting afresh (<see cref="ExecutionOptions.Replay"/>).
/// States that exited are not run again: their recorded output is passed on. Inside a Map or Parallel only the
/// iterations and branches that did not finish run; the others keep their recorded result. New events get
/// ids after the recorded ones. Tasks that were running when the history stopped run again (at least once, as
/// after an AWS retry); Waits that were in progress wait their full time again.
/// </summary>
public sealed class ExecutionReplay
{
    public required IReadOnlyList<RecordedEvent> History { get; init; }
    public required ReplayMode Mode { get; init; }

    /// <summary>The execution's original start (<c>$$.Execution.StartTime</c>).</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary><c>$$.Execution.RedriveCount</c>; a redrive passes the new count, which ExecutionRedriven records.</summary>
    public int RedriveCount { get; init; }

    /// <summary>When the latest redrive began (<c>$$.Execution.RedriveTime</c>, present once redriven); null before any.</summary>
    public DateTimeOffset? RedriveTime { get; init; }
}
