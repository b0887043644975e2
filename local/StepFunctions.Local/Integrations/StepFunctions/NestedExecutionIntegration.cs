using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.StepFunctions;

/// <summary>Child executions through <c>arn:aws:states:::states:startExecution</c> (returns ExecutionArn and
/// StartDate; also what <c>.waitForTaskToken</c> sends before it waits), <c>.sync</c> (DescribeExecution with Output as a JSON string) and <c>.sync:2</c> (Output as
/// JSON). A failed child fails the task with States.TaskFailed and the DescribeExecution document as cause.</summary>
public sealed class NestedExecutionIntegration : IResourceResolver, ITaskIntegration
{
    private readonly ConcurrentDictionary<string, IStateMachine> machines = new(StringComparer.Ordinal);

    /// <summary>Options for child executions (resolver, time scale…). Defaults to none.</summary>
    public ExecutionOptions ChildOptions { get; set; } = new();

    /// <summary>Finds a state machine that was not registered (a server's store); null = none. Asked only when a
    /// task starts an execution, so executions that start none cost nothing.</summary>
    public Func<string, IStateMachine?>? Lookup { get; set; }

    public NestedExecutionIntegration Register(IStateMachine machine)
    {
        machines[machine.Arn] = machine;
        return this;
    }

    // Not .waitForTaskToken: that task sends StartExecution as a request-response call and then waits for the
    // child's SendTask* (the task executor asks again with the pattern removed).
    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        request.Resource is { ResourceType: "states", Action: "startExecution", Pattern: "" or "sync" or "sync:2" } ? this : null;

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var requestId = AwsResponse.NewRequestId();
        if (invocation.Input is not JsonObject parameters || !Json.IsString(parameters["StateMachineArn"], out var arn))
        {
            throw new StatesException("StepFunctions.InvalidArnException", $"Invalid Arn: 'StateMachineArn' is required (Service: AWSStepFunctions; Status Code: 400; Error Code: InvalidArn; Request ID: {requestId}; Proxy: null)");
        }
        var machine = machines.GetValueOrDefault(arn) ?? Lookup?.Invoke(arn);
        if (machine is null)
        {
            throw new StatesException("StepFunctions.StateMachineDoesNotExistException", $"State Machine Does Not Exist: '{arn}' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: {requestId}; Proxy: null)");
        }
        // Input may be a JSON string (as the API takes it) or an object (Step Functions serialises it).
        var input = parameters["Input"] is { } i && Json.IsString(i, out var text) ? Json.Parse(text) : parameters["Input"]?.DeepClone() ?? new JsonObject();
        var name = Json.IsString(parameters["Name"], out var n) ? n : Guid.NewGuid().ToString();
        var options = ChildOptions with { TimeScale = invocation.TimeScale, ExecutionName = name };
        var pattern = invocation.Resource.Pattern;
        if (pattern is not ("sync" or "sync:2"))
        {
            var started = DateTimeOffset.UtcNow;
            var pending = machine.ExecuteAsync(input, options, CancellationToken.None);
            _ = pending.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            return new JsonObject
            {
                ["ExecutionArn"] = ExecutionInfo.ArnOf(machine.Arn, name),
                ["StartDate"] = started.ToUnixTimeMilliseconds(),
                ["SdkHttpMetadata"] = AwsResponse.HttpMetadata(requestId, "application/x-amz-json-1.0"),
                ["SdkResponseMetadata"] = AwsResponse.ResponseMetadata(requestId),
            };
        }
        // As on AWS, a .sync task records TaskSubmitted with StartExecution's response before it waits.
        invocation.ReportSubmitted(new JsonObject
        {
            ["ExecutionArn"] = ExecutionInfo.ArnOf(machine.Arn, name),
            ["StartDate"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["SdkHttpMetadata"] = AwsResponse.HttpMetadata(requestId, "application/x-amz-json-1.0"),
            ["SdkResponseMetadata"] = AwsResponse.ResponseMetadata(requestId),
        });
        var result = await machine.ExecuteAsync(input, options, cancellationToken).ConfigureAwait(false);
        // The task was cancelled (its TimeoutSeconds, or the parent stopped): the child was stopped with it
        // (ABORTED), and the task fails with its own timeout or cancellation, not with the child's end.
        cancellationToken.ThrowIfCancellationRequested();
        var asJson = pattern == "sync:2";
        var describe = new JsonObject
        {
            ["ExecutionArn"] = result.ExecutionArn,
            ["Input"] = asJson ? input?.DeepClone() : Json.Serialize(input),
            ["InputDetails"] = new JsonObject { ["Included"] = true },
            ["Name"] = name,
            ["StartDate"] = result.StartDate.ToUnixTimeMilliseconds(),
            ["StateMachineArn"] = machine.Arn,
            ["Status"] = result.StatusText,
            ["StopDate"] = result.StopDate.ToUnixTimeMilliseconds(),
        };
        if (result.Status == ExecutionStatus.Succeeded)
        {
            describe["Output"] = asJson ? result.Output?.DeepClone() : Json.Serialize(result.Output);
            describe["OutputDetails"] = new JsonObject { ["Included"] = true };
            return describe;
        }
        describe["Error"] = result.Error;
        describe["Cause"] = result.Cause;
        throw new StatesException(StatesErrors.TaskFailed, Json.Serialize(describe));
    }
}
