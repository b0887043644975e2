using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.Ecs;

/// <summary>What a RunTask call asked for.</summary>
public sealed record EcsTaskRequest(string Cluster, string TaskDefinition, string LaunchType, string TaskArn, IReadOnlyList<EcsContainerOverride> ContainerOverrides, JsonObject Parameters);

public sealed record EcsContainerOverride(string Name, IReadOnlyList<string>? Command, IReadOnlyDictionary<string, string> Environment);

/// <summary>How each container ended. <see cref="ExitCode"/> null means it never ran.</summary>
public sealed record EcsContainerResult(string Name, int? ExitCode, string? Reason = null);

public sealed record EcsTaskOutcome(IReadOnlyList<EcsContainerResult> Containers);

/// <summary>Runs (or simulates) an ECS task. Issue 6 can run a real process here.</summary>
public interface IEcsTaskRunner
{
    ValueTask<EcsTaskOutcome> RunAsync(EcsTaskRequest request, TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>Simulates a task: every container (the overridden ones, or <paramref name="defaultContainerName"/>)
/// exits with the code <paramref name="exitCode"/> chooses, after <paramref name="duration"/> of simulated time.</summary>
public sealed class SimulatedEcsTaskRunner(Func<EcsTaskRequest, int> exitCode, string defaultContainerName = "app", TimeSpan? duration = null) : IEcsTaskRunner
{
    public SimulatedEcsTaskRunner(int exitCode = 0, string defaultContainerName = "app", TimeSpan? duration = null)
        : this(_ => exitCode, defaultContainerName, duration)
    {
    }

    public async ValueTask<EcsTaskOutcome> RunAsync(EcsTaskRequest request, TaskInvocation invocation, CancellationToken cancellationToken)
    {
        await invocation.DelayAsync(duration ?? TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var code = exitCode(request);
        var names = request.ContainerOverrides.Count > 0 ? request.ContainerOverrides.Select(o => o.Name) : [defaultContainerName];
        return new EcsTaskOutcome([.. names.Select(n => new EcsContainerResult(n, code))]);
    }
}
