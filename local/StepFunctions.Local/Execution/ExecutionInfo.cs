using System.Text.Json.Nodes;

namespace StepFunctions.Local.Execution;

/// <summary>The execution-wide part of the context object (<c>$$.Execution</c>, <c>$$.StateMachine</c>).</summary>
public sealed class ExecutionInfo
{
    public required string ExecutionArn { get; init; }
    public required string Name { get; init; }
    public required string RoleArn { get; init; }
    public required JsonNode? Input { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    public required string StateMachineArn { get; init; }
    public required string StateMachineName { get; init; }
    public int RedriveCount { get; init; }
}
