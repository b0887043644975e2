using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.StepFunctions;

/// <summary>An execution as DescribeExecution reports it; <see cref="Input"/> and <see cref="Output"/> are the JSON
/// texts the API carries. The redrive status and its reason are the service's to judge (null: not reported).</summary>
public sealed record DescribedExecution(string ExecutionArn, string StateMachineArn, string Name, ExecutionStatus Status, DateTimeOffset StartDate)
{
    public DateTimeOffset? StopDate { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public int RedriveCount { get; init; }
    public DateTimeOffset? RedriveDate { get; init; }
    public string? RedriveStatus { get; init; }
    public string? RedriveStatusReason { get; init; }
}

/// <summary>
/// <c>arn:aws:states:::aws-sdk:sfn:describeExecution</c>: Step Functions' DescribeExecution as an AWS SDK
/// integration, with the API's members in PascalCase (<c>ExecutionArn</c>, <c>Status</c>, <c>StartDate</c>, …,
/// dates in epoch milliseconds as the other integrations here answer them) and no SDK metadata. An unknown
/// execution fails the task with <c>Sfn.ExecutionDoesNotExistException</c>, a malformed ARN with
/// <c>Sfn.InvalidArnException</c> (service prefix Sfn, as AWS names SDK integration errors). Executions are found
/// by <see cref="Lookup"/>: the service's store, or make run's in-process executions (<see cref="ObservedExecutions"/>);
/// without one the resource is not served.
/// </summary>
public sealed class DescribeExecutionIntegration : IResourceResolver, ITaskIntegration
{
    /// <summary>The execution of an ARN, or null when there is none.</summary>
    public Func<string, DescribedExecution?>? Lookup { get; set; }

    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        Lookup is not null && request.Resource is { ResourceType: "aws-sdk", Action: "sfn:describeExecution", Pattern: "" } ? this : null;

    public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = invocation.Input as JsonObject ?? [];
        if (!Json.IsString(parameters["ExecutionArn"], out var arn))
        {
            throw Error("InvalidArnException", "Invalid Arn: 'ExecutionArn' is required");
        }
        if (!Arn.TryParse(arn, out var parsed) || !parsed.Resource.StartsWith("execution:", StringComparison.Ordinal))
        {
            throw Error("InvalidArnException", $"Invalid Arn: 'Resource type not valid in this context: {arn}'");
        }
        var execution = Lookup!(arn) ?? throw Error("ExecutionDoesNotExistException", $"Execution Does Not Exist: '{arn}'");
        return ValueTask.FromResult<JsonNode?>(Describe(execution));
    }

    private static JsonObject Describe(DescribedExecution e)
    {
        var succeeded = e.Status == ExecutionStatus.Succeeded;
        var members = new (string Name, JsonNode? Value)[]
        {
            ("ExecutionArn", e.ExecutionArn),
            ("StateMachineArn", e.StateMachineArn),
            ("Name", e.Name),
            ("Status", e.Status.ToApiName()),
            ("StartDate", e.StartDate.ToUnixTimeMilliseconds()),
            ("StopDate", e.StopDate?.ToUnixTimeMilliseconds()),
            ("Input", e.Input),
            ("InputDetails", new JsonObject { ["Included"] = true }),
            // As the API: Output only for a succeeded execution, Error and Cause only for one that did not.
            ("Output", succeeded ? e.Output : null),
            ("OutputDetails", succeeded ? new JsonObject { ["Included"] = true } : null),
            ("Error", e.Error),
            ("Cause", e.Cause),
            ("RedriveCount", e.RedriveCount),
            ("RedriveDate", e.RedriveDate?.ToUnixTimeMilliseconds()),
            ("RedriveStatus", e.RedriveStatus),
            ("RedriveStatusReason", e.RedriveStatusReason),
        };
        var result = new JsonObject();
        foreach (var (name, value) in members.Where(m => m.Value is not null))
        {
            result[name] = value;
        }
        return result;
    }

    private static StatesException Error(string code, string message) =>
        new($"Sfn.{code}", $"{message} (Service: Sfn, Status Code: 400, Request ID: {AwsResponse.NewRequestId()})");
}
