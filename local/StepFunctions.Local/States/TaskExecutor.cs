using System.Diagnostics;
using System.Text.Json.Nodes;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.States;

/// <summary>Task: resolves the Resource to an integration per attempt, enforces TimeoutSeconds, and records
/// Task* events (or LambdaFunction* events for plain Lambda ARNs, as AWS does).</summary>
internal sealed class TaskExecutor : ErrorHandlingExecutor
{
    private readonly TaskStateDefinition definition;
    private readonly ResourceArn resource;
    private readonly string prefix;
    private readonly string detailsPrefix;
    private readonly Action<object, JsonNode?> recordSubmitted;

    public TaskExecutor(TaskStateDefinition definition) : base(definition)
    {
        this.definition = definition;
        resource = ResourceArn.Parse(definition.Resource);
        prefix = resource.IsLambdaFunction ? "LambdaFunction" : "Task";
        detailsPrefix = resource.IsLambdaFunction ? "lambdaFunction" : "task";
        recordSubmitted = (scope, output) => RecordSubmitted((BranchScope)scope, output);
    }

    protected override async ValueTask<JsonNode?> AttemptAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var runtime = scope.Runtime;
        var effective = definition.InputPath.Apply(input, context);
        var parameters = definition.Parameters is { } template ? template.Build(effective, context) : effective;
        var timeout = Seconds(definition.TimeoutSeconds, definition.TimeoutSecondsPath, "TimeoutSecondsPath", effective, context);
        var heartbeat = Seconds(definition.HeartbeatSeconds, definition.HeartbeatSecondsPath, "HeartbeatSecondsPath", effective, context);

        RecordScheduled(scope, parameters, timeout, heartbeat);
        foreach (var observer in runtime.Observers)
        {
            observer.OnTaskScheduled(new TaskScheduledEvent(runtime.Info.ExecutionArn, Name, resource.Text, parameters, context.RetryCount));
        }
        var started = Stopwatch.GetTimestamp();
        var invocation = new TaskInvocation(recordSubmitted, scope)
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
            scope.Record(prefix + "Started", resource.IsLambdaFunction ? null : "taskStartedEventDetails",
                runtime.Recording && !resource.IsLambdaFunction ? Resource() : null);
            result = await InvokeWithTimeoutAsync(integration, invocation, timeout, scope).ConfigureAwait(false);
            Json.Materialize(result);
            runtime.CheckPayload(result, Name, "result");
            if (runtime.Recording)
            {
                var details = Resource(("output", new LazyJson(result)), ("outputDetails", EventDetails.NotTruncated));
                scope.Record(prefix + "Succeeded", detailsPrefix + "SucceededEventDetails", details);
            }
        }
        catch (StatesException e)
        {
            var timedOut = e.Error == StatesErrors.Timeout;
            var type = prefix + (timedOut ? "TimedOut" : "Failed");
            if (!StatesErrors.IsTerminal(e.Error) || e.Error == StatesErrors.DataLimitExceeded)
            {
                scope.Record(type, detailsPrefix + (timedOut ? "TimedOutEventDetails" : "FailedEventDetails"),
                    runtime.Recording ? Resource(("error", e.Error), ("cause", e.Cause)) : null);
            }
            if (runtime.Observers.Length > 0)
            {
                Notify(runtime, o => o.OnTaskFailed(new TaskCompletedEvent(runtime.Info.ExecutionArn, Name, resource.Text, null, e.Error, e.Cause, Stopwatch.GetElapsedTime(started), invocation.Metadata)));
            }
            throw;
        }
        if (runtime.Observers.Length > 0)
        {
            Notify(runtime, o => o.OnTaskSucceeded(new TaskCompletedEvent(runtime.Info.ExecutionArn, Name, resource.Text, result, null, null, Stopwatch.GetElapsedTime(started), invocation.Metadata)));
        }
        return result;
    }

    private string Unresolved() => resource.Pattern == "waitForTaskToken" || resource.ResourceType == "activity"
        ? $"The resource '{resource.Text}' of state '{Name}' waits for SendTaskSuccess/SendTaskFailure, which this executor does not serve. Mock '{Name}' in a MockConfigFile test case or register a handler for it."
        : $"No integration handles the resource '{resource.Text}' of state '{Name}'. Register an in-process handler or a Lambda function for it, or run with a MockConfigFile test case that mocks '{Name}'.";

    private static void Notify(ExecutionRuntime runtime, Action<ExecutionObserver> action)
    {
        foreach (var observer in runtime.Observers)
        {
            action(observer);
        }
    }

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

    /// <summary>Service integrations name their resource in every Task event; Lambda function events do not.</summary>
    private EventDetails Resource(params (string Key, object? Value)[] fields) =>
        resource.IsLambdaFunction
            ? EventDetails.Of(fields)
            : EventDetails.Of([("resourceType", resource.ResourceType), ("resource", resource.ResourceName), .. fields]);

    private void RecordScheduled(BranchScope scope, JsonNode? parameters, int? timeout, int? heartbeat)
    {
        EventDetails? details = null;
        if (scope.Runtime.Recording)
        {
            var fields = new List<(string, object?)>(6);
            if (resource.IsLambdaFunction)
            {
                fields.Add(("resource", resource.Text));
                fields.Add(("input", new LazyJson(parameters)));
                fields.Add(("inputDetails", EventDetails.NotTruncated));
            }
            else
            {
                fields.Add(("resourceType", resource.ResourceType));
                fields.Add(("resource", resource.ResourceName));
                fields.Add(("region", Region(scope.Runtime.Info.StateMachineArn)));
                fields.Add(("parameters", new LazyJson(parameters)));
            }
            if (timeout is not null)
            {
                fields.Add(("timeoutInSeconds", timeout.Value));
            }
            if (heartbeat is not null && !resource.IsLambdaFunction)
            {
                fields.Add(("heartbeatInSeconds", heartbeat.Value));
            }
            details = EventDetails.Of([.. fields]);
        }
        scope.Record(prefix + "Scheduled", details is null ? null : detailsPrefix + "ScheduledEventDetails", details);
    }

    private void RecordSubmitted(BranchScope scope, JsonNode? output)
    {
        var recording = scope.Runtime.Recording;
        scope.Record("TaskSubmitted", "taskSubmittedEventDetails", recording
            ? Resource(("output", new LazyJson(output)), ("outputDetails", EventDetails.NotTruncated))
            : null);
    }

    private static string Region(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 3 && parts[3].Length > 0 ? parts[3] : "us-east-1";
    }
}
