using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.Ecs;

/// <summary>Simulated <c>arn:aws:states:::ecs:runTask</c> and <c>ecs:runTask.sync</c>. The .sync form records
/// TaskSubmitted with the RunTask response, waits for the task, and returns the stopped task as DescribeTasks
/// shows it; when an essential container exits non-zero it fails with States.TaskFailed and the task JSON as
/// cause, as AWS does.</summary>
public sealed class EcsRunTaskIntegration(IEcsTaskRunner runner) : IResourceResolver, ITaskIntegration
{
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
        var cluster = Json.IsString(parameters["Cluster"], out var c) ? c : Arn.Local("ecs", "cluster/default").ToString();
        var launchType = Json.IsString(parameters["LaunchType"], out var lt) ? lt : "FARGATE";
        var clusterName = cluster.Contains('/', StringComparison.Ordinal) ? cluster[(cluster.LastIndexOf('/') + 1)..] : cluster;
        // Task and container ARNs live in the cluster's region and account, as ECS makes them.
        var taskArn = InClusterAccount(cluster, $"task/{clusterName}/{Guid.NewGuid():N}");
        var request = new EcsTaskRequest(cluster, taskDefinition, launchType, taskArn, Overrides(parameters), (JsonObject)parameters.DeepClone());
        var created = DateTimeOffset.UtcNow;
        var containerNames = request.ContainerOverrides.Count > 0 ? request.ContainerOverrides.Select(o => o.Name).ToList() : ["app"];
        var submitted = new JsonObject
        {
            ["Failures"] = new JsonArray(),
            ["Tasks"] = new JsonArray(Describe(request, created, null, [.. containerNames.Select(n => new EcsContainerResult(n, null))])),
            ["SdkHttpMetadata"] = AwsResponse.HttpMetadata(requestId, "application/x-amz-json-1.1"),
            ["SdkResponseMetadata"] = AwsResponse.ResponseMetadata(requestId),
        };
        if (invocation.Resource.Pattern != "sync")
        {
            // Request-response: AWS returns as soon as the task is accepted; the simulated run is not awaited.
            _ = Task.Run(async () => await runner.RunAsync(request, invocation, CancellationToken.None).ConfigureAwait(false), CancellationToken.None);
            return submitted;
        }
        invocation.ReportSubmitted(submitted);
        var outcome = await runner.RunAsync(request, invocation, cancellationToken).ConfigureAwait(false);
        var stopped = Describe(request, created, DateTimeOffset.UtcNow, outcome.Containers);
        if (outcome.Containers.Any(x => x.ExitCode is not 0))
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

    /// <summary>An ECS ARN in the cluster's partition, region and account; a bare cluster name is in the local account.</summary>
    private static string InClusterAccount(string cluster, string resource) =>
        (Arn.TryParse(cluster, out var arn) ? arn with { Service = "ecs", Resource = resource } : Arn.Local("ecs", resource)).ToString();

    /// <summary>The task as DescribeTasks shows it; <paramref name="stoppedAt"/> null = just submitted.</summary>
    private static JsonObject Describe(EcsTaskRequest request, DateTimeOffset created, DateTimeOffset? stoppedAt, IReadOnlyList<EcsContainerResult> results)
    {
        var stopped = stoppedAt is not null;
        var status = stopped ? "STOPPED" : "PROVISIONING";
        var containers = new JsonArray();
        foreach (var result in results)
        {
            var container = new JsonObject
            {
                ["ContainerArn"] = InClusterAccount(request.Cluster, $"container/{Guid.NewGuid():N}"),
                ["LastStatus"] = stopped ? "STOPPED" : "PENDING",
                ["Name"] = result.Name,
                ["TaskArn"] = request.TaskArn,
            };
            if (stopped && result.ExitCode is { } code)
            {
                container["ExitCode"] = code;
            }
            if (result.Reason is not null)
            {
                container["Reason"] = result.Reason;
            }
            containers.Add(container);
        }
        var task = new JsonObject
        {
            ["ClusterArn"] = request.Cluster,
            ["Containers"] = containers,
            ["CreatedAt"] = created.ToUnixTimeMilliseconds(),
            ["DesiredStatus"] = "STOPPED",
            ["LastStatus"] = status,
            ["LaunchType"] = request.LaunchType,
            ["Overrides"] = request.Parameters["Overrides"]?.DeepClone() ?? new JsonObject { ["ContainerOverrides"] = new JsonArray() },
            ["TaskArn"] = request.TaskArn,
            ["TaskDefinitionArn"] = request.TaskDefinition,
        };
        if (stoppedAt is { } at)
        {
            task["StartedAt"] = created.ToUnixTimeMilliseconds();
            task["StopCode"] = "EssentialContainerExited";
            task["StoppedAt"] = at.ToUnixTimeMilliseconds();
            task["StoppedReason"] = "Essential container in task exited";
        }
        return task;
    }
}
