using System.Diagnostics;

namespace Lambda.Local;

/// <summary>
/// Concurrent invocations of one function, as Lambda scales within a concurrency bound: each call takes an idle
/// instance (warm), else starts a new one (cold) while fewer than <see cref="LocalFunctionOptions.InstanceBound"/>
/// exist, else waits in line for the next instance to come free. Each instance serves one invocation at a time.
/// A crashed or timed-out instance stays in the pool and starts a new process on its next invocation, as Lambda
/// replaces an execution environment.
/// </summary>
public sealed class LocalFunctionPool : IAsyncDisposable
{
    private readonly object sync = new();
    private readonly Stack<LocalFunction> idle = new();
    private readonly List<LocalFunction> all = [];
    private readonly LinkedList<TaskCompletionSource<LocalFunction>> waiting = new();
    private int coldStarts;
    private long invocations;
    private long queued;
    private long queueWaitTicks;
    private long maxQueueWaitTicks;
    private int busy;
    private TaskCompletionSource? drained;
    private bool disposed;

    public LocalFunctionPool(LocalFunctionOptions options)
    {
        if (options.MaxInstances is < 1)
        {
            throw new ArgumentException(
                $"MaxInstances of {options.FunctionName} is {options.MaxInstances}: a function needs at least 1 instance (leave it unset for the default of {LocalFunctionOptions.DefaultMaxInstances}).",
                nameof(options));
        }
        Options = options;
    }

    public LocalFunctionOptions Options { get; }

    /// <summary>How many instances were created so far; never more than the bound.</summary>
    public int InstanceCount
    {
        get
        {
            lock (this.sync)
            {
                return this.all.Count;
            }
        }
    }

    /// <summary>The pool's figures so far: instances, cold starts, invocations and their wait for an instance.</summary>
    public PoolStatistics Statistics
    {
        get
        {
            lock (this.sync)
            {
                return new PoolStatistics(Options.InstanceBound, this.all.Count, this.coldStarts, this.invocations, this.queued,
                    TimeSpan.FromTicks(this.queueWaitTicks), TimeSpan.FromTicks(this.maxQueueWaitTicks));
            }
        }
    }

    public async Task<InvocationResult> InvokeAsync(string payloadJson, CancellationToken cancellationToken = default)
    {
        var waitStart = Stopwatch.GetTimestamp();
        var function = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        var wait = Stopwatch.GetElapsedTime(waitStart);
        if (function is null)
        {
            Record(wait, cold: false);
            var throttled = FunctionError.Create("TooManyRequestsException",
                $"Rate Exceeded. No instance of {Options.FunctionName} came free within {Options.QueueTimeout.TotalSeconds:0.##} s ({Options.InstanceBound} instances busy); raise the function's concurrency or the queue timeout.",
                ErrorOrigin.Service);
            return new InvocationResult(Guid.NewGuid().ToString(), null, throttled, false, null, TimeSpan.Zero, []) { QueueWait = wait };
        }
        try
        {
            var result = await function.InvokeAsync(payloadJson, cancellationToken).ConfigureAwait(false);
            Record(wait, result.Cold);
            return result with { QueueWait = wait };
        }
        finally
        {
            Release(function);
        }
    }

    /// <summary>The instance the ticket is given, waited for the whole queue timeout by the stopwatch: the timer
    /// behind <c>WaitAsync</c> ticks on a coarser clock and can fire a millisecond early, and a throttle must mean
    /// that no instance came free within the timeout.</summary>
    private async Task<LocalFunction> WaitForAsync(Task<LocalFunction> ticket, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var remaining = Options.QueueTimeout - Stopwatch.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException();
            }
            try
            {
                return await ticket.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked again at the top: the timer may have fired before the stopwatch reached the timeout.
            }
        }
    }

    /// <summary>An instance for the caller, or null when none came free within the queue timeout.</summary>
    private async Task<LocalFunction?> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<LocalFunction> ticket;
        LinkedListNode<TaskCompletionSource<LocalFunction>> node;
        lock (this.sync)
        {
            ObjectDisposedException.ThrowIf(this.disposed, this);
            if (this.idle.TryPop(out var free))
            {
                this.busy++;
                return free;
            }
            if (this.all.Count < Options.InstanceBound)
            {
                var created = new LocalFunction(Options);
                this.all.Add(created);
                this.busy++;
                return created;
            }
            ticket = new TaskCompletionSource<LocalFunction>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = this.waiting.AddLast(ticket);
            this.queued++;
        }
        try
        {
            return await WaitForAsync(ticket.Task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (this.sync)
            {
                if (node.List is not null)
                {
                    this.waiting.Remove(node);
                }
            }
            // Handed an instance just as the wait ended: give it back rather than lose it.
            if (ticket.Task.IsCompletedSuccessfully)
            {
                Release(ticket.Task.Result);
            }
            if (ex is OperationCanceledException)
            {
                throw;
            }
            return null;
        }
    }

    /// <summary>Hands the instance to the longest waiting caller, else back to the idle ones.</summary>
    private void Release(LocalFunction function)
    {
        lock (this.sync)
        {
            while (this.waiting.First is { } first)
            {
                this.waiting.RemoveFirst();
                if (first.Value.TrySetResult(function))
                {
                    return;
                }
            }
            this.idle.Push(function);
            this.busy--;
            if (this.busy == 0)
            {
                this.drained?.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Takes no new invocations and ends every instance once the ones running and waiting are answered: the pool
    /// of a package that was replaced (a <c>make package</c> while the service runs) retires this way, so its
    /// warm instances never serve the new package's invocations and none of their callers is cut off.
    /// </summary>
    public async Task RetireAsync()
    {
        Task drain;
        lock (this.sync)
        {
            this.disposed = true;
            this.drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (this.busy == 0)
            {
                this.drained.TrySetResult();
            }
            drain = this.drained.Task;
        }
        await drain.ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    private void Record(TimeSpan wait, bool cold)
    {
        lock (this.sync)
        {
            this.invocations++;
            this.coldStarts += cold ? 1 : 0;
            this.queueWaitTicks += wait.Ticks;
            this.maxQueueWaitTicks = Math.Max(this.maxQueueWaitTicks, wait.Ticks);
        }
    }

    public async ValueTask DisposeAsync()
    {
        LocalFunction[] functions;
        lock (this.sync)
        {
            this.disposed = true;
            functions = [.. this.all];
        }
        foreach (var function in functions)
        {
            await function.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>What a <see cref="LocalFunctionPool"/> did so far.</summary>
/// <param name="Bound">The most instances it may run (<see cref="LocalFunctionOptions.InstanceBound"/>).</param>
/// <param name="Instances">Instances created; each runs at most one process at a time.</param>
/// <param name="ColdStarts">Invocations that started a process (a new instance, or one replacing a crashed or timed-out process).</param>
/// <param name="Invocations">Invocations answered, throttled ones included.</param>
/// <param name="Queued">Invocations that found every instance busy and waited in line.</param>
/// <param name="TotalQueueWait">Their waits added up.</param>
/// <param name="MaxQueueWait">The longest wait.</param>
public sealed record PoolStatistics(int Bound, int Instances, int ColdStarts, long Invocations, long Queued, TimeSpan TotalQueueWait,
    TimeSpan MaxQueueWait);
