using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Aws.Local;
using Lambda.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Integrations;
using StepFunctions.Local.Integrations.Lambda;
using StepFunctions.Local;

namespace Workflows.Local;

/// <summary>Where the packages come from, so a new <c>make package</c> is picked up while the invoker runs.</summary>
/// <param name="Manifest">artifacts/lambdas/manifest.json: rewritten last by the build, so its change means new packages.</param>
/// <param name="UnpackDirectory">Where the packages are unpacked.</param>
public sealed record PackageSource(string Manifest, string UnpackDirectory);

/// <summary>
/// Lambda for the executor: each function runs as its packaged <c>bootstrap</c> behind a local Runtime API,
/// one process per concurrent invocation up to the function's concurrency bound (beyond it invocations wait for
/// a free instance), reused warm between invocations as Lambda does. With a <see cref="PackageSource"/>, a
/// rebuilt package serves the next invocation: its function gets a new pool and the old one retires once its
/// running invocations are answered.
/// </summary>
public sealed class BootstrapLambdaInvoker(PackagedFunctions packages, Deployment deployment, PackageSource? source = null,
    DebugFunction? debug = null) : ILambdaInvoker, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, VersionedPool> pools = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> retiring = [];
    private readonly Lock reload = new();
    private DateTime manifestWritten = source is null ? default : File.GetLastWriteTimeUtc(source.Manifest);
    private volatile PackagedFunctions packages = packages;

    public async ValueTask<LambdaInvokeResult?> InvokeAsync(LambdaFunctionRef function, JsonNode? payload, CancellationToken cancellationToken)
    {
        PickUpNewPackages();
        if (deployment.FunctionOf(function.Name) is not { } package || this.packages.BootstrapOf(package) is not { } bootstrap)
        {
            return null; // The executor reports Lambda.ResourceNotFoundException, as AWS does.
        }

        var json = payload?.ToJsonString() ?? "{}";
        while (true)
        {
            var pool = PoolOf(package, bootstrap);
            InvocationResult result;
            try
            {
                result = await pool.InvokeAsync(json, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                continue; // the pool retired between taking it and asking it: the new package's pool serves
            }
            return ResultOf(pool, result);
        }
    }

    private static LambdaInvokeResult ResultOf(LocalFunctionPool pool, InvocationResult result)
    {
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

    /// <summary>The function's pool for the package version in force; a pool of an older version retires.</summary>
    private LocalFunctionPool PoolOf(string package, string bootstrap)
    {
        var version = debug?.Package == package ? DebugFunction.Version : this.packages.VersionOf(package) ?? "";
        if (this.pools.TryGetValue(package, out var current) && current.Version == version)
        {
            return current.Pool;
        }
        lock (this.reload)
        {
            if (this.pools.TryGetValue(package, out current) && current.Version == version)
            {
                return current.Pool;
            }
            var fresh = new VersionedPool(version, new LocalFunctionPool(OptionsOf(package, bootstrap)));
            this.pools[package] = fresh;
            if (current is not null)
            {
                this.retiring.Add(current.Pool.RetireAsync());
            }
            return fresh.Pool;
        }
    }

    /// <summary>Reloads the packages when the manifest changed (one stat per invocation). A manifest caught
    /// mid-build (a zip not matching it yet) keeps the packages in force and is tried again on the next call.</summary>
    private void PickUpNewPackages()
    {
        if (source is null)
        {
            return;
        }
        var written = File.Exists(source.Manifest) ? File.GetLastWriteTimeUtc(source.Manifest) : default;
        if (written == this.manifestWritten)
        {
            return;
        }
        lock (this.reload)
        {
            if (written == this.manifestWritten)
            {
                return;
            }
            try
            {
                this.packages = PackagedFunctions.Load(source.Manifest, source.UnpackDirectory);
                this.manifestWritten = written;
            }
            catch (Exception e) when (e is RunException or IOException)
            {
                // make package is still writing: the packages in force serve this invocation.
            }
        }
    }

    /// <summary>The configuration Terraform gives the function (deployment.json's settings) on the local account.</summary>
    private LocalFunctionOptions OptionsOf(string package, string bootstrap)
    {
        var settings = deployment.SettingsOf(package);
        var options = new LocalFunctionOptions
        {
            BootstrapPath = bootstrap,
            FunctionName = deployment.FunctionName(package),
            MemorySizeMb = settings.MemorySize,
            Timeout = TimeSpan.FromSeconds(settings.Timeout),
            LogFormat = settings.LogFormat,
            LogLevel = settings.LogLevel,
            Region = LocalAccount.Region,
            AccountId = LocalAccount.Id,
            MaxInstances = settings.ReservedConcurrency,
        };
        return debug?.Package == package ? debug.Apply(options) : options;
    }

    /// <summary>Each function's pool: instances (at most its bound), cold starts, waits for a free instance.</summary>
    public IReadOnlyDictionary<string, PoolStatistics> Statistics => pools.ToDictionary(p => p.Key, p => p.Value.Pool.Statistics);

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in pools.Values)
        {
            await pool.Pool.DisposeAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(this.retiring).ConfigureAwait(false);
    }

    private sealed record VersionedPool(string Version, LocalFunctionPool Pool);
}
