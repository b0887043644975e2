using System.Collections.Concurrent;

namespace Lambda.Local;

/// <summary>
/// Concurrent invocations of one function, as Lambda scales: each call takes an idle instance or starts a new
/// one (cold), and returns it afterwards for reuse (warm). A Map state running N items in parallel ends up
/// with up to N processes.
/// </summary>
public sealed class LocalFunctionPool(LocalFunctionOptions options) : IAsyncDisposable
{
    private readonly ConcurrentBag<LocalFunction> _idle = [];
    private readonly ConcurrentBag<LocalFunction> _all = [];

    public LocalFunctionOptions Options { get; } = options;

    /// <summary>How many instances (processes) were created so far.</summary>
    public int InstanceCount => _all.Count;

    public async Task<InvocationResult> InvokeAsync(string payloadJson, CancellationToken cancellationToken = default)
    {
        if (!_idle.TryTake(out var function))
        {
            function = new LocalFunction(Options);
            _all.Add(function);
        }
        try
        {
            return await function.InvokeAsync(payloadJson, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _idle.Add(function);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var function in _all)
        {
            await function.DisposeAsync().ConfigureAwait(false);
        }
    }
}
