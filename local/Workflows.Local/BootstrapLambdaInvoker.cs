using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Aws.Local;
using Lambda.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Integrations.Lambda;
using StepFunctions.Local;

namespace Workflows.Local;

/// <summary>
/// Lambda for the executor: each function runs as its packaged <c>bootstrap</c> behind a local Runtime API,
/// one process per concurrent invocation, reused warm between invocations as Lambda does.
/// </summary>
public sealed class BootstrapLambdaInvoker(PackagedFunctions packages, Deployment deployment) : ILambdaInvoker, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalFunctionPool> pools = new(StringComparer.Ordinal);

    public async ValueTask<LambdaInvokeResult?> InvokeAsync(LambdaFunctionRef function, JsonNode? payload, CancellationToken cancellationToken)
    {
        if (deployment.FunctionOf(function.Name) is not { } package || packages.BootstrapOf(package) is not { } bootstrap)
        {
            return null; // The executor reports Lambda.ResourceNotFoundException, as AWS does.
        }

        var pool = pools.GetOrAdd(package, p => new LocalFunctionPool(OptionsOf(p, bootstrap)));
        var result = await pool.InvokeAsync(payload?.ToJsonString() ?? "{}", cancellationToken).ConfigureAwait(false);
        // What Lambda would have delivered to CloudWatch Logs; the local service keeps it for FilterLogEvents.
        var logStream = result.LogStreamName is { } stream
            ? new LambdaLogStream(pool.Options.LogGroupName, stream, LambdaLogEvents.Of(result, pool.Options))
            : null;
        var report = new LambdaInvocationReport(result.RequestId, result.Cold, result.InitDuration, result.Duration, result.BilledDuration, result.Logs, logStream);

        return result.Error is { } error
            ? new LambdaInvokeResult(Json.Parse(error.Json), error.ErrorType) { Report = report }
            : new LambdaInvokeResult(result.Payload is null ? null : Json.Parse(result.Payload)) { Report = report };
    }

    /// <summary>The configuration Terraform gives the function (deployment.json's settings) on the local account.</summary>
    private LocalFunctionOptions OptionsOf(string package, string bootstrap)
    {
        var settings = deployment.SettingsOf(package);
        return new LocalFunctionOptions
        {
            BootstrapPath = bootstrap,
            FunctionName = deployment.FunctionName(package),
            MemorySizeMb = settings.MemorySize,
            Timeout = TimeSpan.FromSeconds(settings.Timeout),
            LogFormat = settings.LogFormat,
            LogLevel = settings.LogLevel,
            Region = LocalAccount.Region,
            AccountId = LocalAccount.Id,
        };
    }

    /// <summary>How many processes each function started: one per concurrent invocation at its peak.</summary>
    public IReadOnlyDictionary<string, int> InstanceCounts => pools.ToDictionary(p => p.Key, p => p.Value.InstanceCount);

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in pools.Values)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }
}
