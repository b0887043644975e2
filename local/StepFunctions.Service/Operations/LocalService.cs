using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations.Mocks;
using StepFunctions.Local.Integrations.DynamoDb;
using StepFunctions.Service.DynamoDb;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Protocol;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Operations;

/// <summary>What every operation works with: the store, the executions, the mock config and the default role.</summary>
/// <param name="maxLiveStreams">Live streams open at once (<see cref="LiveStream"/>).</param>
public sealed class LocalService(SqliteStore store, ExecutionManager executions, MockConfig? mockConfig, int maxLiveStreams = LiveStream.DefaultMaxOpen)
{
    public SqliteStore Store { get; } = store;
    public ExecutionManager Executions { get; } = executions;
    public MockConfig? MockConfig { get; } = mockConfig;

    /// <summary>The tables the workflows write, read through DynamoDB's API; null serves no DynamoDB API.</summary>
    public LocalDynamoDbTables? Tables { get; init; }

    /// <summary>The state machines that run job nets (the deployment's orchestrator), each with its runs table:
    /// ListTagsForResource tells the console so, and the console shows their executions as jobs.</summary>
    public IReadOnlyDictionary<string, string> JobNets { get; init; } = new Dictionary<string, string>();

    /// <summary>The open live streams, each of which polls the store.</summary>
    internal ConcurrencyCap LiveStreams { get; } = new(maxLiveStreams, "live streams open at once (--max-live-streams, SFN_MAX_LIVE_STREAMS)");

    public StateMachineRecord Machine(string arn) =>
        Store.GetStateMachine(Arns.CheckStateMachine(arn)) ?? throw DomainException.StateMachineDoesNotExist(arn);

    public ExecutionRecord Execution(string arn)
    {
        Arns.StateMachineOfExecution(arn);
        return Store.GetExecution(arn) ?? throw DomainException.ExecutionDoesNotExist(arn);
    }

    /// <summary>The APIs this server answers on <c>POST /</c>: Step Functions' (JSON 1.0), the CloudWatch Logs
    /// reads (JSON 1.1) and the DynamoDB reads (JSON 1.0), each operation bound to this service.</summary>
    public IReadOnlyList<ApiService> Apis() =>
    [
        new("AWSStepFunctions.", ApiEndpoint.ContentType, Bind(Operations)),
        new("Logs_20140328.", "application/x-amz-json-1.1", Bind(LogsOperations.Operations)),
        .. Tables is null ? [] : new[] { new DynamoDbApi(Tables).Service() },
    ];

    private Dictionary<string, Func<ApiRequest, Task<JsonObject>>> Bind(IReadOnlyDictionary<string, Func<LocalService, ApiRequest, Task<JsonObject>>> operations) =>
        operations.ToDictionary(o => o.Key, o => (Func<ApiRequest, Task<JsonObject>>)(request => o.Value(this, request)), StringComparer.Ordinal);

    /// <summary>Step Functions' operations, by the name after <c>AWSStepFunctions.</c> in X-Amz-Target.</summary>
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
            ["ListTagsForResource"] = TagOperations.List,
        };
}
