using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.Ecs;

/// <summary>
/// <c>arn:aws:states:::aws-sdk:ecs:describeTasks</c> and <c>aws-sdk:ecs:stopTask</c> on a
/// <see cref="SimulatedEcsCluster"/>: ECS's API parameters and responses in PascalCase, as AWS SDK integrations
/// take and return them (no SDK metadata). A task ECS does not know is a <c>Failures</c> entry with reason
/// MISSING, not an error; a bad request fails with <c>Ecs.InvalidParameterException</c>.
/// </summary>
public sealed class EcsSdkIntegration(SimulatedEcsCluster cluster) : IResourceResolver, ITaskIntegration
{
    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        request.Resource is { ResourceType: "aws-sdk", Action: "ecs:describeTasks" or "ecs:stopTask", Pattern: "" } ? this : null;

    public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = invocation.Input as JsonObject ?? [];
        var clusterArn = SimulatedEcsCluster.ClusterArn(Json.IsString(parameters["Cluster"], out var c) ? c : null);
        JsonNode result = invocation.Resource.Action == "ecs:describeTasks" ? DescribeTasks(parameters, clusterArn) : StopTask(parameters, clusterArn);
        return ValueTask.FromResult<JsonNode?>(result);
    }

    private JsonObject DescribeTasks(JsonObject parameters, string clusterArn)
    {
        if (parameters["Tasks"] is not JsonArray { Count: > 0 } names)
        {
            throw Invalid("Tasks cannot be empty.");
        }
        if (names.Count > 100)
        {
            throw Invalid("Tasks can have at most 100 items.");
        }
        var tasks = new JsonArray();
        var failures = new JsonArray();
        foreach (var node in names)
        {
            var name = Json.IsString(node, out var text) ? text : throw Invalid("Tasks must be a list of task ARNs or IDs.");
            if (cluster.Find(clusterArn, name) is { } task)
            {
                tasks.Add(task.Poll());
            }
            else
            {
                // ECS names the missing task by the ARN it would have in the cluster.
                var arn = name.StartsWith("arn:", StringComparison.Ordinal)
                    ? name
                    : SimulatedEcsTask.InClusterAccount(clusterArn, $"task/{SimulatedEcsCluster.NameOf(clusterArn)}/{name}");
                failures.Add(new JsonObject { ["Arn"] = arn, ["Reason"] = "MISSING" });
            }
        }
        return new JsonObject { ["Failures"] = failures, ["Tasks"] = tasks };
    }

    private JsonObject StopTask(JsonObject parameters, string clusterArn)
    {
        if (!Json.IsString(parameters["Task"], out var name) || name.Length == 0)
        {
            throw Invalid("Task can not be blank.");
        }
        var task = cluster.Find(clusterArn, name) ?? throw Invalid("The referenced task was not found.");
        var reason = Json.IsString(parameters["Reason"], out var r) ? r : "Task stopped by user";
        return new JsonObject { ["Task"] = task.Stop(reason) };
    }

    private static StatesException Invalid(string message) =>
        new("Ecs.InvalidParameterException", $"{message} (Service: Ecs, Status Code: 400, Request ID: {AwsResponse.NewRequestId()})");
}
