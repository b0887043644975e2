using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.Ecs;

/// <summary>Simulated <c>arn:aws:states:::ecs:runTask</c> and <c>ecs:runTask.sync</c> on a
/// <see cref="SimulatedEcsCluster"/>. Request-response returns RunTask's response at once (the task
/// PROVISIONING; poll it with <c>aws-sdk:ecs:describeTasks</c>). The .sync form records TaskSubmitted with that
/// response, waits for the task, and returns the stopped task as DescribeTasks shows it; when an essential
/// container exits non-zero it fails with States.TaskFailed and the task JSON as cause, as AWS does.</summary>
public sealed class EcsRunTaskIntegration(SimulatedEcsCluster cluster) : IResourceResolver, ITaskIntegration
{
    public EcsRunTaskIntegration(IEcsTaskRunner runner) : this(new SimulatedEcsCluster(runner))
    {
    }

    public ITaskIntegration? Resolve(TaskResolveRequest request) =>
        request.Resource is { ResourceType: "ecs", Action: "runTask", Pattern: "" or "sync" } ? this : null;

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var requestId = AwsResponse.NewRequestId();
        if (invocation.Input is not JsonObject parameters || !Json.IsString(parameters["TaskDefinition"], out var taskDefinition))
        {
            throw new StatesException("ECS.InvalidParameterException",
                $"TaskDefinition can not be blank. (Service: AmazonECS; Status Code: 400; Error Code: InvalidParameterException; Request ID: {requestId}; Proxy: null)");
        }
        var clusterArn = SimulatedEcsCluster.ClusterArn(Json.IsString(parameters["Cluster"], out var c) ? c : null);
        var launchType = Json.IsString(parameters["LaunchType"], out var lt) ? lt : "FARGATE";
        // Task ARNs live in the cluster's region and account, as ECS makes them.
        var taskArn = SimulatedEcsTask.InClusterAccount(clusterArn, $"task/{SimulatedEcsCluster.NameOf(clusterArn)}/{Guid.NewGuid():N}");
        var request = new EcsTaskRequest(clusterArn, taskDefinition, launchType, taskArn, Overrides(parameters), (JsonObject)parameters.DeepClone());
        var task = cluster.Start(request, invocation);
        var submitted = SimulatedEcsTask.WithMetadata(new JsonObject { ["Failures"] = new JsonArray(), ["Tasks"] = new JsonArray(task.Submitted()) }, requestId);
        if (invocation.Resource.Pattern != "sync")
        {
            return submitted;
        }
        invocation.ReportSubmitted(submitted);
        JsonObject stopped;
        try
        {
            stopped = await task.StoppedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A timed-out or stopped execution stops the task it waits for, as Step Functions does.
            task.Stop("Task stopped by AWS Step Functions: the state waiting for it was cancelled or timed out");
            throw;
        }
        if (stopped["Containers"]!.AsArray().Any(container => container?["ExitCode"]?.GetValue<int>() is not 0))
        {
            throw new StatesException(StatesErrors.TaskFailed, Json.Serialize(stopped));
        }
        return stopped;
    }

    private static List<EcsContainerOverride> Overrides(JsonObject parameters)
    {
        var list = new List<EcsContainerOverride>();
        if (parameters["Overrides"] is JsonObject overrides && overrides["ContainerOverrides"] is JsonArray containers)
        {
            foreach (var node in containers)
            {
                if (node is not JsonObject container || !Json.IsString(container["Name"], out var name))
                {
                    continue;
                }
                var command = container["Command"] is JsonArray cmd ? cmd.Select(x => Json.IsString(x, out var s) ? s : Json.Serialize(x)).ToList() : null;
                var environment = new Dictionary<string, string>(StringComparer.Ordinal);
                if (container["Environment"] is JsonArray env)
                {
                    foreach (var e in env.OfType<JsonObject>())
                    {
                        if (Json.IsString(e["Name"], out var key))
                        {
                            environment[key] = Json.IsString(e["Value"], out var v) ? v : Json.Serialize(e["Value"]);
                        }
                    }
                }
                list.Add(new EcsContainerOverride(name, command, environment));
            }
        }
        return list;
    }
}
