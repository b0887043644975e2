using System.Collections.Concurrent;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.StepFunctions;

/// <summary>
/// The executions of one process as their events show them (make run: the run and its children), for
/// <see cref="DescribeExecutionIntegration"/>: RUNNING from ExecutionStarted (and again from ExecutionRedriven), then
/// the status, output or error of the execution's end. An execution this process never ran is unknown, as one
/// that does not exist is to DescribeExecution. Subscribe it to every execution it should know.
/// </summary>
public sealed class ObservedExecutions : IExecutionSubscriber
{
    private readonly ConcurrentDictionary<string, DescribedExecution> executions = new(StringComparer.Ordinal);

    public DescribedExecution? Find(string executionArn) => executions.GetValueOrDefault(executionArn);

    public void OnEvent(ExecutionEvent e)
    {
        var info = e.Execution;
        switch (e)
        {
            case ExecutionStartedEvent:
                executions[info.ExecutionArn] = new DescribedExecution(info.ExecutionArn, info.StateMachineArn, info.Name, ExecutionStatus.Running, info.StartTime)
                {
                    Input = Json.Serialize(info.Input),
                };
                break;
            case ExecutionRedrivenEvent redriven:
                executions.AddOrUpdate(info.ExecutionArn,
                    _ => new DescribedExecution(info.ExecutionArn, info.StateMachineArn, info.Name, ExecutionStatus.Running, info.StartTime),
                    (_, known) => known with { Status = ExecutionStatus.Running, StopDate = null, Error = null, Cause = null, RedriveCount = redriven.RedriveCount, RedriveDate = e.Timestamp });
                break;
            case ExecutionEndedEvent ended:
                executions.AddOrUpdate(info.ExecutionArn,
                    _ => Ended(new DescribedExecution(info.ExecutionArn, info.StateMachineArn, info.Name, ended.Status, info.StartTime), ended),
                    (_, known) => Ended(known, ended));
                break;
        }
    }

    private static DescribedExecution Ended(DescribedExecution known, ExecutionEndedEvent ended) => known with
    {
        Status = ended.Status,
        StopDate = ended.Timestamp,
        Output = ended.Status == ExecutionStatus.Succeeded ? Json.Serialize(ended.Output) : null,
        Error = ended.Error,
        Cause = ended.Cause,
    };
}
