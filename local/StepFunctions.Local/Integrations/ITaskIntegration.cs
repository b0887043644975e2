using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations;

/// <summary>Runs one Task invocation. Return the task result; throw
/// <see cref="Execution.StatesException"/> to fail the task with an error name and cause (Retry/Catch see
/// them). Called concurrently by Map and Parallel: implementations must be thread-safe.</summary>
public interface ITaskIntegration
{
    ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>Maps a Task's Resource (and its effective Parameters) to an integration. Return null when this
/// resolver does not handle the resource, so the next one in a <see cref="CompositeResolver"/> can.</summary>
public interface IResourceResolver
{
    ITaskIntegration? Resolve(TaskResolveRequest request);
}

/// <summary>What a resolver sees: the state, its Resource, and the effective parameters the task will receive.</summary>
public sealed record TaskResolveRequest(string StateName, ResourceArn Resource, JsonNode? Parameters, string StateMachineName, string ExecutionArn);

/// <summary>An integration from a delegate.</summary>
public sealed class DelegateIntegration(Func<TaskInvocation, CancellationToken, ValueTask<JsonNode?>> invoke) : ITaskIntegration
{
    public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => invoke(invocation, cancellationToken);
}

/// <summary>Asks each resolver in order; the first non-null answer wins.</summary>
public sealed class CompositeResolver(params IReadOnlyList<IResourceResolver> resolvers) : IResourceResolver
{
    public ITaskIntegration? Resolve(TaskResolveRequest request)
    {
        foreach (var resolver in resolvers)
        {
            if (resolver.Resolve(request) is { } integration)
            {
                return integration;
            }
        }
        return null;
    }
}
