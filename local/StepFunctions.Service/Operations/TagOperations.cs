using System.Text.Json.Nodes;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Operations;

/// <summary>
/// ListTagsForResource. The deployed state machines carry no tags of their own; a job net (the deployment's
/// orchestrator, known from terraform/deployment.json) carries two local ones, the server's word to the console
/// that its executions are job nets and where their runs are recorded: <c>job-net</c> = <c>true</c> and
/// <c>job-net:runs-table</c> = the runs table's name (read with DynamoDB's API).
/// </summary>
public static class TagOperations
{
    public const string JobNetTag = "job-net";
    public const string RunsTableTag = "job-net:runs-table";

    public static Task<JsonObject> List(LocalService service, ApiRequest request)
    {
        var arn = request.Bounded("resourceArn", 1, 256, required: true)!;
        Executions.Arns.CheckStateMachine(arn);
        _ = service.Store.GetStateMachine(arn) ?? throw new ApiException("ResourceNotFound", $"Resource not found: '{arn}'");
        var tags = new JsonArray();
        if (service.JobNets.TryGetValue(arn, out var table))
        {
            tags.Add(new JsonObject { ["key"] = JobNetTag, ["value"] = "true" });
            tags.Add(new JsonObject { ["key"] = RunsTableTag, ["value"] = table });
        }
        return Task.FromResult(new JsonObject { ["tags"] = tags });
    }
}
