using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations;

/// <summary>An in-process task handler. Receives the effective parameters (read-only) and returns the result.</summary>
public delegate ValueTask<JsonNode?> TaskHandler(JsonNode? input, TaskInvocation invocation, CancellationToken cancellationToken);

/// <summary>Resolves exact Resource strings (or state names) to in-process handlers. A handler that throws
/// fails the task with error = the exception's short type name and cause = its message, the way a .NET
/// Lambda's errorType surfaces; throw <see cref="StatesException"/> to choose both.</summary>
public sealed class HandlerResolver : IResourceResolver
{
    private readonly Dictionary<string, ITaskIntegration> byResource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITaskIntegration> byState = new(StringComparer.Ordinal);

    public HandlerResolver MapResource(string resource, TaskHandler handler)
    {
        byResource[resource] = new HandlerIntegration(handler);
        return this;
    }

    public HandlerResolver MapResource(string resource, Func<JsonNode?, JsonNode?> handler) =>
        MapResource(resource, (input, _, _) => ValueTask.FromResult(handler(input)));

    /// <summary>Handles a state by name whatever its Resource (handy in tests).</summary>
    public HandlerResolver MapState(string stateName, TaskHandler handler)
    {
        byState[stateName] = new HandlerIntegration(handler);
        return this;
    }

    public HandlerResolver MapState(string stateName, Func<JsonNode?, JsonNode?> handler) =>
        MapState(stateName, (input, _, _) => ValueTask.FromResult(handler(input)));

    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        byState.TryGetValue(request.StateName, out var integration) || byResource.TryGetValue(request.Resource.Text, out integration)
            ? integration
            : null;

    private sealed class HandlerIntegration(TaskHandler handler) : ITaskIntegration
    {
        public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            try
            {
                return await handler(invocation.Input, invocation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (StatesException or OperationCanceledException))
            {
                throw new StatesException(e.GetType().Name, e.Message);
            }
        }
    }
}
