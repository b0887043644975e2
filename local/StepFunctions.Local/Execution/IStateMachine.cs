using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Execution;

/// <summary>A state machine that can run executions: what a nested <c>states:startExecution</c> task needs,
/// without depending on how the machine was built.</summary>
public interface IStateMachine
{
    string Name { get; }
    string Arn { get; }

    Task<ExecutionResult> ExecuteAsync(JsonNode? input, ExecutionOptions? options = null, CancellationToken cancellationToken = default);
}
