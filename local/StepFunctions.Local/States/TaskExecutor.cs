using System.Diagnostics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.States;

/// <summary>Task: resolves the Resource to an integration per attempt, enforces TimeoutSeconds, and publishes
/// the attempt's events (their history shape lives with the events).</summary>
internal sealed class TaskExecutor : ErrorHandlingExecutor
{
    private readonly TaskStateDefinition definition;
    private readonly ResourceArn resource;
    private readonly Action<object, JsonNode?> publishSubmitted;

    public TaskExecutor(TaskStateDefinition definition) : base(definition)
    {
        this.definition = definition;
        resource = ResourceArn.Parse(definition.Resource);
        publishSubmitted = (scope, output) => ((BranchScope)scope).Publish(new TaskSubmittedEvent(Name, resource, output));
    }

    protected override async ValueTask<JsonNode?> AttemptAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var runtime = scope.Runtime;
        var effective = definition.InputPath.Apply(input, context);
        Inspect(scope, "afterInputPath", effective);
        var parameters = definition.Parameters is { } template ? template.Build(effective, context) : effective;
        Inspect(scope, "afterParameters", parameters);
        var timeout = Seconds(definition.TimeoutSeconds, definition.TimeoutSecondsPath, "TimeoutSecondsPath", effective, context);
        var heartbeat = Seconds(definition.HeartbeatSeconds, definition.HeartbeatSecondsPath, "HeartbeatSecondsPath", effective, context);

        scope.Publish(new TaskScheduledEvent(Name, resource, parameters, context.RetryCount, timeout, heartbeat));
        var started = Stopwatch.GetTimestamp();
        var invocation = new TaskInvocation(publishSubmitted, scope)
        {
            StateName = Name,
            Resource = resource,
            Input = parameters,
            RetryCount = context.RetryCount,
            Execution = runtime.Info,
            TimeScale = runtime.Options.TimeScale,
            TimeoutSeconds = timeout,
            HeartbeatSeconds = heartbeat,
        };
        JsonNode? result;
        try
        {
            var integration = runtime.Resolver?.Resolve(new TaskResolveRequest(Name, resource, parameters, runtime.Info.StateMachineName, runtime.Info.ExecutionArn))
                ?? throw new StatesException(StatesErrors.TaskFailed, Unresolved());
            scope.Publish(new TaskStartedEvent(Name, resource));
            result = await InvokeWithTimeoutAsync(integration, invocation, timeout, scope).ConfigureAwait(false);
            Json.Materialize(result);
            runtime.CheckPayload(result, Name, "result");
            scope.Publish(new TaskSucceededEvent(Name, resource, result, Stopwatch.GetElapsedTime(started), invocation.Metadata));
        }
        catch (StatesException e)
        {
            scope.Publish(new TaskFailedEvent(Name, resource, e.Error, e.Cause, Stopwatch.GetElapsedTime(started), invocation.Metadata));
            throw;
        }
        return result;
    }

    private string Unresolved() => resource.Pattern == "waitForTaskToken" || resource.ResourceType == "activity"
        ? $"The resource '{resource.Text}' of state '{Name}' waits for SendTaskSuccess/SendTaskFailure, which this executor does not serve. Mock '{Name}' in a MockConfigFile test case or register a handler for it."
        : $"No integration handles the resource '{resource.Text}' of state '{Name}'. Register an in-process handler or a Lambda function for it, or run with a MockConfigFile test case that mocks '{Name}'.";

    private async ValueTask<JsonNode?> InvokeWithTimeoutAsync(ITaskIntegration integration, TaskInvocation invocation, int? timeout, BranchScope scope)
    {
        if (timeout is null)
        {
            return await InvokeAsync(integration, invocation, scope.Token).ConfigureAwait(false);
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
        Durations.CancelAfter(timer, TimeSpan.FromSeconds(timeout.Value));
        try
        {
            return await InvokeAsync(integration, invocation, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !scope.Token.IsCancellationRequested)
        {
            throw new StatesException(StatesErrors.Timeout, $"The task '{Name}' did not finish within its TimeoutSeconds of {timeout} seconds.");
        }
    }

    private async ValueTask<JsonNode?> InvokeAsync(ITaskIntegration integration, TaskInvocation invocation, CancellationToken token)
    {
        try
        {
            return await integration.InvokeAsync(invocation, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (StatesException or OperationCanceledException))
        {
            // A bug in an integration: report it as a task failure rather than crashing the engine.
            throw new StatesException(StatesErrors.TaskFailed, $"The integration for '{resource.Text}' threw {e.GetType().Name}: {e.Message}");
        }
    }

    private int? Seconds(int? value, JsonPath? path, string field, JsonNode? input, StateContext context)
    {
        if (value is not null || path is null)
        {
            return value;
        }
        if (!PathResolver.TryResolve(path, input, context, out var node) || !Json.IsInteger(node, out var n) || n <= 0)
        {
            throw StatesException.Runtime($"{context.CausePrefix}The {field} '{path.Text}' does not reference a positive integer.");
        }
        return (int)Math.Min(n, 99_999_999);
    }
}
