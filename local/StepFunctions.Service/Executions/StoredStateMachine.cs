using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>A state machine of the store as a nested <c>states:startExecution</c> task sees it: each child runs as
/// an execution of the service (stored, resumable, in the console), and its end is what DescribeExecution says.</summary>
internal sealed class StoredStateMachine(ExecutionManager executions, StateMachineRecord machine) : IStateMachine
{
    public string Name => machine.Name;
    public string Arn => machine.Arn;

    public async Task<ExecutionResult> ExecuteAsync(JsonNode? input, ExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ExecutionRecord record;
        try
        {
            record = await executions.RunChildAsync(machine, options?.ExecutionName ?? Guid.NewGuid().ToString(), input, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            // As the StartExecution call of the task fails on AWS: StepFunctions.<Code>Exception.
            throw new StatesException($"StepFunctions.{e.Code}Exception", $"{e.Message} (Service: AWSStepFunctions; Status Code: 400; Error Code: {e.Code}; Request ID: {Guid.NewGuid()}; Proxy: null)");
        }
        return new ExecutionResult
        {
            ExecutionArn = record.Arn,
            Status = record.Status switch
            {
                "SUCCEEDED" => ExecutionStatus.Succeeded,
                "TIMED_OUT" => ExecutionStatus.TimedOut,
                "ABORTED" => ExecutionStatus.Aborted,
                _ => ExecutionStatus.Failed,
            },
            Output = record.Output is null ? null : Json.Parse(record.Output),
            Error = record.Error,
            Cause = record.Cause,
            StartDate = record.StartDate,
            StopDate = record.StopDate ?? DateTimeOffset.UtcNow,
            History = [],
        };
    }
}
