using StepFunctions.Local;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Integrations.StepFunctions;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>What every run of the server is wired to: the integrations behind its Task states (with the store's
/// state machines as <c>states:startExecution</c> targets and its executions for <c>aws-sdk:sfn:describeExecution</c>), the callback tasks' tokens, the time scale and the
/// subscribers besides the store.</summary>
internal sealed class ExecutionWiring(SqliteStore store, ExecutionSettings settings, Func<StateMachineRecord, IStateMachine> child)
{
    /// <summary>The callback tasks (<c>.waitForTaskToken</c>) of every execution, answered by SendTask*; the
    /// tokens' key lives beside the database, so a token stays valid across restarts of the same database.</summary>
    public TaskTokens TaskTokens { get; } = TaskTokens.ForKeyFile(store.Path + ".task-token-key");

    /// <summary>The resolver an execution of <paramref name="machineName"/> uses; <paramref name="configure"/> adds to it (TestState's mock).</summary>
    public IResourceResolver Resolver(string? testCase, string machineName, Action<ResolverBuilder>? configure = null)
    {
        var builder = settings.Resolvers(testCase, machineName);
        // states:startExecution reaches the store's state machines (children are stored executions), looked up
        // only when a task starts one, so executions that start none read nothing.
        builder.StateMachines.Lookup = arn => store.GetStateMachine(arn) is { } machine ? child(machine) : null;
        // aws-sdk:sfn:sendTask* from one workflow answers another's callback task, as the API would.
        builder.WithTaskCallbacks(TaskTokens);
        // aws-sdk:sfn:describeExecution answers from the store, as the API's DescribeExecution does.
        builder.Executions.Lookup = arn => store.GetExecution(arn) is { } execution ? Described(execution) : null;
        configure?.Invoke(builder);
        return builder.Build();
    }

    private static DescribedExecution Described(ExecutionRecord e)
    {
        var (redriveStatus, redriveReason) = Redrive.Of(e);
        return new DescribedExecution(e.Arn, e.StateMachineArn, e.Name, e.Status, e.StartDate)
        {
            StopDate = e.StopDate,
            Input = e.Input,
            Output = e.Output,
            Error = e.Error,
            Cause = e.Cause,
            RedriveCount = e.RedriveCount,
            RedriveDate = e.RedriveDate,
            RedriveStatus = redriveStatus.ToApiName(),
            RedriveStatusReason = redriveReason,
        };
    }

    /// <summary>The options of a run (no history kept in memory: the store keeps it, or nobody does for EXPRESS).</summary>
    public ExecutionOptions Options(string executionName, string roleArn, string? testCase, string machineName) => new()
    {
        ExecutionName = executionName,
        RoleArn = roleArn,
        Resolver = Resolver(testCase, machineName),
        TimeScale = settings.TimeScale,
        TaskTokens = TaskTokens,
        Subscribers = settings.Subscribers,
        RecordHistory = false,
    };
}
