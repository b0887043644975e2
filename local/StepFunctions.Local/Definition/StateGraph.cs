using StepFunctions.Local.Core;

namespace StepFunctions.Local.Definition;

/// <summary>A set of states with a start: the whole machine, a Parallel branch, or a Map's ItemProcessor.</summary>
public class StateGraph
{
    public required string StartAt { get; init; }
    public required IReadOnlyDictionary<string, StateDefinition> States { get; init; }
}

/// <summary>The top level of a definition.</summary>
public sealed class StateMachineDefinition : StateGraph
{
    public string? Comment { get; init; }
    public int? TimeoutSeconds { get; init; }
}
