using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Aws.Local;

namespace StepFunctions.Local.Integrations.Ecs;

/// <summary>
/// The tasks ECS knows: RunTask starts one here (its containers run on the <see cref="IEcsTaskRunner"/>),
/// DescribeTasks and StopTask find it again by ARN or ID within its cluster. Shared by every execution that
/// uses the same integrations, as one ECS account is.
/// </summary>
/// <param name="containerName">The task definition's container, for tasks that override none.</param>
public sealed class SimulatedEcsCluster(IEcsTaskRunner runner, string containerName = "app")
{
    private readonly ConcurrentDictionary<string, SimulatedEcsTask> tasks = new(StringComparer.Ordinal);

    /// <summary>Starts a task: it is PROVISIONING until DescribeTasks first sees it, and its containers run now.</summary>
    public SimulatedEcsTask Start(EcsTaskRequest request, TaskInvocation invocation)
    {
        var names = request.ContainerOverrides.Count > 0 ? request.ContainerOverrides.Select(o => o.Name).ToList() : [containerName];
        var task = new SimulatedEcsTask(request, names, DateTimeOffset.UtcNow);
        tasks[request.TaskArn] = task;
        task.Run(runner, invocation);
        return task;
    }

    /// <summary>The task named by ARN or ID in <paramref name="cluster"/> (an ARN or name), or null as ECS reports MISSING.</summary>
    public SimulatedEcsTask? Find(string cluster, string task)
    {
        var clusterName = NameOf(cluster);
        var id = NameOf(task);
        return tasks.Values.FirstOrDefault(t => NameOf(t.Request.Cluster) == clusterName && (t.Request.TaskArn == task || NameOf(t.Request.TaskArn) == id));
    }

    /// <summary>The last segment of an ECS ARN or name (<c>…:cluster/name</c>, <c>…:task/cluster/id</c>).</summary>
    public static string NameOf(string arnOrName) => arnOrName[(arnOrName.LastIndexOf('/') + 1)..];

    /// <summary>A bare cluster name means the cluster of that name in the local account, as the ECS API resolves it.</summary>
    public static string ClusterArn(string? cluster) => cluster switch
    {
        null or "" => Arn.Local("ecs", "cluster/default").ToString(),
        _ when cluster.StartsWith("arn:", StringComparison.Ordinal) => cluster,
        _ => Arn.Local("ecs", $"cluster/{cluster}").ToString(),
    };
}

/// <summary>
/// One simulated task. Each DescribeTasks advances it one step, PROVISIONING → RUNNING → STOPPED, so a poll loop
/// sees every status; it stops only once its containers have exited (the runner decides how long that takes and
/// with which exit code) or StopTask stopped it.
/// </summary>
public sealed class SimulatedEcsTask
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly IReadOnlyList<string> containerNames;
    private readonly string[] containerArns;
    private Task<EcsTaskOutcome> completion = Task.FromResult(new EcsTaskOutcome([]));
    private int describes;
    private DateTimeOffset? startedAt;
    private DateTimeOffset? stoppedAt;
    private (string Code, string Reason)? stoppedBy;

    internal SimulatedEcsTask(EcsTaskRequest request, IReadOnlyList<string> containerNames, DateTimeOffset createdAt)
    {
        Request = request;
        CreatedAt = createdAt;
        this.containerNames = containerNames;
        containerArns = [.. containerNames.Select(_ => InClusterAccount(request.Cluster, $"container/{Guid.NewGuid():N}"))];
    }

    public EcsTaskRequest Request { get; }
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Completes when the containers have exited (their exit codes), whatever DescribeTasks has seen.</summary>
    public Task<EcsTaskOutcome> Completion => completion;

    /// <summary>Not on another thread: containers that exit at once (no simulated duration) have exited when RunTask
    /// returns, so the polls a job net sees do not depend on thread scheduling.</summary>
    internal void Run(IEcsTaskRunner runner, TaskInvocation invocation) =>
        completion = runner.RunAsync(Request, invocation, stopping.Token).AsTask();

    /// <summary>The task as RunTask returns it: just accepted.</summary>
    public JsonObject Submitted() => Document("PROVISIONING", null);

    /// <summary>DescribeTasks: the next status of the lifecycle.</summary>
    public JsonObject Poll()
    {
        lock (gate)
        {
            describes++;
            if (stoppedAt is null && (stoppedBy is not null || (describes > 1 && completion.IsCompletedSuccessfully)))
            {
                stoppedAt = DateTimeOffset.UtcNow;
            }
            startedAt ??= DateTimeOffset.UtcNow;
            return Document(stoppedAt is null ? "RUNNING" : "STOPPED", stoppedAt is null ? null : Outcome());
        }
    }

    /// <summary>The stopped task, once its containers have exited (a <c>.sync</c> RunTask's result).</summary>
    public async Task<JsonObject> StoppedAsync(CancellationToken cancellationToken)
    {
        var outcome = await completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            startedAt ??= CreatedAt;
            stoppedAt ??= DateTimeOffset.UtcNow;
            return Document("STOPPED", outcome);
        }
    }

    /// <summary>StopTask: the containers get SIGTERM; ECS answers with the task still stopping, and the next
    /// DescribeTasks shows it STOPPED with the caller's reason.</summary>
    public JsonObject Stop(string reason)
    {
        lock (gate)
        {
            if (stoppedAt is null && stoppedBy is null)
            {
                stoppedBy = ("UserInitiated", reason);
                stopping.Cancel();
            }
            return Document(stoppedAt is null ? "RUNNING" : "STOPPED", stoppedAt is null ? null : Outcome(), desiredStopped: true);
        }
    }

    /// <summary>How the containers ended: the runner's exit codes, or 143 (SIGTERM) for a task StopTask stopped first.</summary>
    private EcsTaskOutcome Outcome() =>
        completion.IsCompletedSuccessfully && stoppedBy is null
            ? completion.Result
            : new EcsTaskOutcome([.. containerNames.Select(name => new EcsContainerResult(name, 143))]);

    /// <summary>The task in DescribeTasks' shape (PascalCase, as Step Functions returns ECS responses).</summary>
    private JsonObject Document(string status, EcsTaskOutcome? outcome, bool desiredStopped = false)
    {
        var stopped = status == "STOPPED";
        var containers = new JsonArray();
        var names = containerNames;
        for (var i = 0; i < names.Count; i++)
        {
            var container = new JsonObject
            {
                ["ContainerArn"] = containerArns[i],
                ["LastStatus"] = status == "PROVISIONING" ? "PENDING" : status,
                ["Name"] = names[i],
                ["TaskArn"] = Request.TaskArn,
            };
            var result = outcome?.Containers.FirstOrDefault(c => c.Name == names[i]);
            if (stopped && result?.ExitCode is { } code)
            {
                container["ExitCode"] = code;
            }
            if (result?.Reason is { } reason)
            {
                container["Reason"] = reason;
            }
            containers.Add(container);
        }
        var task = new JsonObject
        {
            ["ClusterArn"] = Request.Cluster,
            ["Containers"] = containers,
            ["CreatedAt"] = CreatedAt.ToUnixTimeMilliseconds(),
            ["DesiredStatus"] = stopped || desiredStopped || stoppedBy is not null ? "STOPPED" : "RUNNING",
            ["LastStatus"] = status,
            ["LaunchType"] = Request.LaunchType,
            ["Overrides"] = Request.Parameters["Overrides"]?.DeepClone() ?? new JsonObject { ["ContainerOverrides"] = new JsonArray() },
            ["TaskArn"] = Request.TaskArn,
            ["TaskDefinitionArn"] = Request.TaskDefinition,
        };
        if (startedAt is { } started && status != "PROVISIONING")
        {
            task["StartedAt"] = started.ToUnixTimeMilliseconds();
        }
        if (stoppedBy is { } by)
        {
            task["StopCode"] = by.Code;
            task["StoppedReason"] = by.Reason;
        }
        else if (stopped)
        {
            task["StopCode"] = "EssentialContainerExited";
            task["StoppedReason"] = "Essential container in task exited";
        }
        if (stopped && stoppedAt is { } at)
        {
            task["StoppedAt"] = at.ToUnixTimeMilliseconds();
        }
        return task;
    }

    /// <summary>An ECS ARN in the cluster's partition, region and account, as ECS makes them.</summary>
    internal static string InClusterAccount(string cluster, string resource) =>
        (Arn.TryParse(cluster, out var arn) ? arn with { Service = "ecs", Resource = resource } : Arn.Local("ecs", resource)).ToString();

    /// <summary>The response metadata Step Functions' optimised integrations add to ECS results.</summary>
    internal static JsonObject WithMetadata(JsonObject response, string requestId)
    {
        response["SdkHttpMetadata"] = AwsResponse.HttpMetadata(requestId, "application/x-amz-json-1.1");
        response["SdkResponseMetadata"] = AwsResponse.ResponseMetadata(requestId);
        return response;
    }
}
