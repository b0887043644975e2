using System.Collections.Concurrent;

namespace Lambda.Local;

/// <summary>
/// Concurrent invocations of one function, as Lambda scales: each call takes an idle instance or starts a new
/// one (cold), and returns it afterwards for reuse (warm). A Map state running N items in parallel ends up
/// with up to N processes.
/// </summary>
public sealed class LocalFunctionPool(LocalFunctionOptions options) : IAsyncDisposable
{
    private readonly ConcurrentBag<LocalFunction> idle = [];
    private readonly ConcurrentBag<LocalFunction> all = [];

    public LocalFunctionOptions Options { get; } = options;

    /// <summary>How many instances (processes) were created so far.</summary>
    public int InstanceCount => all.Count;

    public async Task<InvocationResult> InvokeAsync(string payloadJson, CancellationToken cancellationToken = default)
    {
        if (!this.idle.TryTake(out var function))
        {
            function = new LocalFunction(Options);
            all.Add(function);
        }
        try
        {
            return await function.InvokeAsync(payloadJson, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            this.idle.Add(function);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var function in all)
        {
            await function.DisposeAsync().ConfigureAwait(false);
        }
    }
}
