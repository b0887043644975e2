using System.Text.Json.Nodes;
using Aws.Local;

namespace StepFunctions.Local.Core;

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
    public DateTimeOffset? RedriveTime { get; init; }

    /// <summary>TestState's <c>context</c>: fields laid over the context object every state sees (its sections
    /// merge field by field, each field given replaces ours).</summary>
    public JsonObject? ContextOverlay { get; init; }

    /// <summary>The ARN of execution <paramref name="name"/> of a state machine: <c>…:execution:machine:name</c>.</summary>
    public static string ArnOf(string stateMachineArn, string name) => Arn.TryParse(stateMachineArn, out var arn)
        ? (arn with { Resource = $"execution:{arn.ResourceId}:{name}" }).ToString()
        : $"{stateMachineArn}:{name}";
}
