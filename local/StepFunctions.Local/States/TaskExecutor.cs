using System.Diagnostics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;

namespace StepFunctions.Local.States;

/// <summary>Task: resolves the Resource to an integration per attempt, enforces TimeoutSeconds, and publishes
/// the attempt's events (their history shape lives with the events).</summary>
internal sealed class TaskExecutor : ErrorHandlingExecutor
{
    private readonly TaskStateDefinition definition;
    private readonly ResourceArn resource;
    private readonly ResourceArn? requestResponse;
    private readonly Action<object, JsonNode?> publishSubmitted;

    public TaskExecutor(TaskStateDefinition definition) : base(definition)
    {
        this.definition = definition;
        resource = ResourceArn.Parse(definition.Resource);
        requestResponse = resource.Pattern == "waitForTaskToken"
            ? ResourceArn.Parse(definition.Resource[..^".waitForTaskToken".Length])
            : null;
        publishSubmitted = (scope, output) => ((BranchScope)scope).Publish(new TaskSubmittedEvent(Name, resource, output));
    }

    protected override async ValueTask<JsonNode?> AttemptAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var runtime = scope.Runtime;
        var callback = resource.Pattern == "waitForTaskToken";
        // The token must exist before Parameters/Arguments are evaluated: they hand it on as $$.Task.Token.
        context.TaskToken = callback ? (runtime.Options.TaskTokens ?? TaskTokens.Unanswerable).TokenFor(runtime.Info.ExecutionArn, context.EnteredEventId, context.RetryCount) : null;
        var inspect = Inspection(scope);
        var effective = definition.Io.ReadInput(input, context, inspect);
        var parameters = definition.Io.BuildArguments(input, effective, context, inspect);
        var timeout = (int?)definition.TimeoutSeconds?.Resolve(effective, context);
        var heartbeat = (int?)definition.HeartbeatSeconds?.Resolve(effective, context);

        scope.Publish(new TaskScheduledEvent(Name, resource, parameters, context.RetryCount, timeout, heartbeat));
        var started = Stopwatch.GetTimestamp();
        LambdaInvocationReport? lambda = null;
        JsonNode? result;
        try
        {
            // A mock or handler may answer the callback task itself; otherwise its request goes out as a
            // request-response call would, and the task waits for the token's answer.
            var direct = runtime.Resolver?.Resolve(new TaskResolveRequest(Name, resource, parameters, runtime.Info.StateMachineName, runtime.Info.ExecutionArn));
            var sender = direct is null && callback
                ? runtime.Resolver?.Resolve(new TaskResolveRequest(Name, requestResponse!, parameters, runtime.Info.StateMachineName, runtime.Info.ExecutionArn))
                : null;
            var integration = direct ?? sender ?? throw new StatesException(StatesErrors.TaskFailed, Unresolved());
            var invocation = new TaskInvocation(publishSubmitted, scope)
            {
                StateName = Name,
                Resource = sender is null ? resource : requestResponse!,
                Input = parameters,
                RetryCount = context.RetryCount,
                Execution = runtime.Info,
                TimeScale = runtime.Options.TimeScale,
                TimeoutSeconds = timeout,
                HeartbeatSeconds = heartbeat,
                TaskToken = context.TaskToken,
            };
            scope.Publish(new TaskStartedEvent(Name, resource));
            try
            {
                result = sender is null
                    ? await InvokeWithTimeoutAsync(integration, invocation, timeout, scope).ConfigureAwait(false)
                    : await CallbackAsync(sender, invocation, heartbeat, timeout, scope).ConfigureAwait(false);
            }
            finally
            {
                lambda = invocation.Lambda;
            }
            Json.Materialize(result);
            runtime.CheckPayload(result, Name, "result");
            scope.Publish(new TaskSucceededEvent(Name, resource, result, Stopwatch.GetElapsedTime(started), lambda));
        }
        catch (StatesException e)
        {
            scope.Publish(new TaskFailedEvent(Name, resource, e.Error, e.Cause, Stopwatch.GetElapsedTime(started), lambda));
            throw;
        }
        return result;
    }

    /// <summary>Sends the request (its response is recorded as TaskSubmitted), then waits for the token's answer;
    /// TimeoutSeconds covers both.</summary>
    private async ValueTask<JsonNode?> CallbackAsync(ITaskIntegration integration, TaskInvocation invocation, int? heartbeat, int? timeout, BranchScope scope)
    {
        var tokens = scope.Runtime.Options.TaskTokens ?? throw new StatesException(StatesErrors.TaskFailed,
            $"The resource '{resource.Text}' of state '{Name}' waits for SendTaskSuccess/SendTaskFailure, and this run has no API to receive them: run it on the local service (make console), or mock '{Name}' in a MockConfigFile test case.");
        using var waiter = tokens.Register(invocation.TaskToken!);
        return await InvokeWithTimeoutAsync(new CallbackIntegration(integration, waiter, heartbeat), invocation, timeout, scope).ConfigureAwait(false);
    }

    /// <summary>The request-response call, then the wait, as one integration so TimeoutSeconds covers both.</summary>
    private sealed class CallbackIntegration(ITaskIntegration send, TaskTokens.Waiter waiter, int? heartbeat) : ITaskIntegration
    {
        public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            invocation.ReportSubmitted(await send.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false));
            return await waiter.WaitAsync(heartbeat, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Unresolved() => resource.Pattern == "waitForTaskToken" || resource.ResourceType == "activity"
        ? $"The resource '{resource.Text}' of state '{Name}' waits for SendTaskSuccess/SendTaskFailure, and no integration sends its request. Mock '{Name}' in a MockConfigFile test case or register a handler for it."
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
}
