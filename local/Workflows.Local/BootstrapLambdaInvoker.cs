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
/// one process per concurrent invocation up to the function's concurrency bound (beyond it invocations wait for
/// a free instance), reused warm between invocations as Lambda does.
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
        var statistics = pool.Statistics;
        var report = new LambdaInvocationReport(result.RequestId, result.Cold, result.InitDuration, result.Duration, result.BilledDuration, result.Logs, logStream,
            new LambdaPoolReport(result.QueueWait, statistics.Instances, statistics.Bound, statistics.ColdStarts));

        return result.Error is { } error
            // Lambda's own refusals (a throttle, a request too large) reach Step Functions as Lambda.* errors.
            ? new LambdaInvokeResult(Json.Parse(error.Json), error.Origin == ErrorOrigin.Service ? "Lambda." + error.ErrorType : error.ErrorType) { Report = report }
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
            MaxInstances = settings.ReservedConcurrency,
            Region = LocalAccount.Region,
            AccountId = LocalAccount.Id,
        };
    }

    /// <summary>Each function's pool: instances (at most its bound), cold starts, waits for a free instance.</summary>
    public IReadOnlyDictionary<string, PoolStatistics> Statistics => pools.ToDictionary(p => p.Key, p => p.Value.Statistics);

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in pools.Values)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }
}
