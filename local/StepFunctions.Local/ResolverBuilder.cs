using System.Text.Json.Nodes;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Integrations.DynamoDb;
using StepFunctions.Local.Integrations.Ecs;
using StepFunctions.Local.Integrations.Lambda;
using StepFunctions.Local.Integrations.Mocks;
using StepFunctions.Local.Integrations.Sns;
using StepFunctions.Local.Integrations.StepFunctions;

namespace StepFunctions.Local;

/// <summary>Assembles the usual resolver chain: mocks first (a mocked state never reaches a real
/// integration), then in-process handlers, Lambda, SNS, ECS, DynamoDB, custom resolvers, nested executions and DescribeExecution.</summary>
public sealed class ResolverBuilder
{
    private readonly HandlerResolver handlers = new();
    private readonly InProcessLambdaInvoker inProcessFunctions = new();
    private readonly List<IResourceResolver> extra = [];
    private MockConfigResolver? mocks;
    private ILambdaInvoker? lambdaInvoker;
    private bool hasInProcessFunctions;

    public NestedExecutionIntegration StateMachines { get; } = new();

    /// <summary><c>aws-sdk:sfn:describeExecution</c>, served once its <see cref="DescribeExecutionIntegration.Lookup"/> is set.</summary>
    public DescribeExecutionIntegration Executions { get; } = new();

    public ResolverBuilder WithMockConfig(MockConfig config, string testCase, string? stateMachineName = null)
    {
        mocks = new MockConfigResolver(config, testCase, stateMachineName);
        return this;
    }

    public ResolverBuilder MapResource(string resource, Func<JsonNode?, JsonNode?> handler)
    {
        handlers.MapResource(resource, handler);
        return this;
    }

    public ResolverBuilder MapState(string stateName, Func<JsonNode?, JsonNode?> handler)
    {
        handlers.MapState(stateName, handler);
        return this;
    }

    public ResolverBuilder MapState(string stateName, TaskHandler handler)
    {
        handlers.MapState(stateName, handler);
        return this;
    }

    /// <summary>An in-process Lambda function, reachable by plain ARN or lambda:invoke with any ARN/name form.</summary>
    public ResolverBuilder AddFunction(string functionName, Func<JsonNode?, JsonNode?> handler)
    {
        inProcessFunctions.Register(functionName, handler);
        hasInProcessFunctions = true;
        return this;
    }

    /// <summary>Lambda functions served by something else (local-run: bootstrap processes). In-process functions are asked first.</summary>
    public ResolverBuilder WithLambdaInvoker(ILambdaInvoker invoker)
    {
        lambdaInvoker = invoker;
        return this;
    }

    public ResolverBuilder WithSnsOutbox(ISnsOutbox outbox)
    {
        extra.Add(new SnsPublishIntegration(outbox));
        return this;
    }

    /// <summary>ECS on a cluster of its own, its containers run by <paramref name="runner"/>.</summary>
    public ResolverBuilder WithEcsRunner(IEcsTaskRunner runner) => WithEcs(new SimulatedEcsCluster(runner));

    /// <summary>ecs:runTask(.sync), aws-sdk:ecs:describeTasks and aws-sdk:ecs:stopTask on one simulated cluster
    /// (share it between resolvers so a task started by one execution can be described by another).</summary>
    public ResolverBuilder WithEcs(SimulatedEcsCluster cluster)
    {
        extra.Add(new EcsRunTaskIntegration(cluster));
        extra.Add(new EcsSdkIntegration(cluster));
        return this;
    }

    /// <summary>dynamodb:putItem, getItem and updateItem on local tables.</summary>
    public ResolverBuilder WithDynamoDb(LocalDynamoDbTables tables)
    {
        extra.Add(new DynamoDbIntegration(tables));
        return this;
    }

    /// <summary>aws-sdk:sfn:sendTaskSuccess, sendTaskFailure and sendTaskHeartbeat, answering the callback tasks
    /// that wait on <paramref name="tokens"/> (give the executions the same instance).</summary>
    public ResolverBuilder WithTaskCallbacks(TaskTokens tokens)
    {
        extra.Add(new TaskCallbackIntegration(tokens));
        return this;
    }

    public ResolverBuilder Add(IResourceResolver resolver)
    {
        extra.Add(resolver);
        return this;
    }

    public IResourceResolver Build()
    {
        var chain = new List<IResourceResolver>();
        if (mocks is not null)
        {
            chain.Add(mocks);
        }
        chain.Add(handlers);
        ILambdaInvoker? invoker = (hasInProcessFunctions, lambdaInvoker) switch
        {
            (true, null) => inProcessFunctions,
            (false, { } other) => other,
            (true, { } other) => new ChainedLambdaInvoker(inProcessFunctions, other),
            _ => null,
        };
        if (invoker is not null)
        {
            chain.Add(new LambdaIntegration(invoker));
        }
        chain.AddRange(extra);
        chain.Add(StateMachines);
        chain.Add(Executions);
        return new CompositeResolver(chain);
    }

    private sealed class ChainedLambdaInvoker(ILambdaInvoker first, ILambdaInvoker second) : ILambdaInvoker
    {
        public async ValueTask<LambdaInvokeResult?> InvokeAsync(LambdaFunctionRef function, JsonNode? payload, CancellationToken cancellationToken) =>
            await first.InvokeAsync(function, payload, cancellationToken).ConfigureAwait(false)
            ?? await second.InvokeAsync(function, payload, cancellationToken).ConfigureAwait(false);
    }
}
