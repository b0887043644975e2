using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations.Mocks;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Operations;

/// <summary>What every operation works with: the store, the executions, the mock config and the default role.</summary>
public sealed class LocalService(SqliteStore store, ExecutionManager executions, MockConfig? mockConfig)
{
    public SqliteStore Store { get; } = store;
    public ExecutionManager Executions { get; } = executions;
    public MockConfig? MockConfig { get; } = mockConfig;

    public StateMachineRecord Machine(string arn) =>
        Store.GetStateMachine(Arns.CheckStateMachine(arn)) ?? throw ApiException.StateMachineDoesNotExist(arn);

    public ExecutionRecord Execution(string arn)
    {
        Arns.StateMachineOfExecution(arn);
        return Store.GetExecution(arn) ?? throw ApiException.ExecutionDoesNotExist(arn);
    }

    /// <summary>The operations, by the name after <c>AWSStepFunctions.</c> in X-Amz-Target.</summary>
    public static IReadOnlyDictionary<string, Func<LocalService, ApiRequest, Task<JsonObject>>> Operations { get; } =
        new Dictionary<string, Func<LocalService, ApiRequest, Task<JsonObject>>>(StringComparer.Ordinal)
        {
            ["CreateStateMachine"] = StateMachineOperations.CreateAsync,
            ["UpdateStateMachine"] = StateMachineOperations.UpdateAsync,
            ["DeleteStateMachine"] = StateMachineOperations.DeleteAsync,
            ["DescribeStateMachine"] = StateMachineOperations.Describe,
            ["ListStateMachines"] = StateMachineOperations.List,
            ["ValidateStateMachineDefinition"] = StateMachineOperations.Validate,
            ["DescribeStateMachineForExecution"] = StateMachineOperations.DescribeForExecution,
            ["StartExecution"] = ExecutionOperations.StartAsync,
            ["StartSyncExecution"] = ExecutionOperations.StartSyncAsync,
            ["StopExecution"] = ExecutionOperations.StopAsync,
            ["DescribeExecution"] = ExecutionOperations.Describe,
            ["ListExecutions"] = ExecutionOperations.List,
            ["GetExecutionHistory"] = HistoryOperations.GetExecutionHistory,
            ["RedriveExecution"] = ExecutionOperations.RedriveAsync,
            ["TestState"] = TestStateOperation.RunAsync,
            ["SendTaskSuccess"] = TaskTokenOperations.SendSuccess,
            ["SendTaskFailure"] = TaskTokenOperations.SendFailure,
            ["SendTaskHeartbeat"] = TaskTokenOperations.SendHeartbeat,
        };
}
