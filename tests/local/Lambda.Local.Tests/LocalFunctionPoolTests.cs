namespace Lambda.Local.Tests;

/// <summary>The pool with real processes: the instance bound, the line of waiting invocations, replacement.</summary>
public sealed class LocalFunctionPoolTests
{
    [Fact]
    public async Task Pool_runs_concurrent_invocations_in_separate_processes_and_reuses_them()
    {
        await using var pool = new LocalFunctionPool(BashRuntime.Options(maxInstances: 4));
        using var gate = new Gate();
        // Every event waits for the gate file, so none can finish before all four are in flight:
        // each must get its own instance.
        var payloads = Enumerable.Range(0, 4).Select(gate.Event).ToArray();
        var inFlight = payloads.Select(p => pool.InvokeAsync(p)).ToArray();
        var instances = pool.InstanceCount;
        gate.Open();
        var parallel = await Task.WhenAll(inFlight);
        var again = await pool.InvokeAsync("""{"i":9}""");

        Assert.Equal(4, instances);
        Assert.All(parallel, r => Assert.True(r.Cold));
        Assert.Equal(payloads, parallel.Select(r => r.Payload));
        Assert.False(again.Cold);
        Assert.Equal(4, pool.InstanceCount);
    }

    [Fact]
    public async Task Invocations_beyond_the_bound_wait_for_a_free_instance_and_run_there_warm()
    {
        await using var pool = new LocalFunctionPool(BashRuntime.Options(maxInstances: 2));
        using var gate = new Gate();
        var payloads = Enumerable.Range(0, 6).Select(gate.Event).ToArray();

        var inFlight = payloads.Select(p => pool.InvokeAsync(p)).ToArray();
        var instancesWhileBlocked = pool.InstanceCount;
        gate.Open();
        var results = await Task.WhenAll(inFlight);

        Assert.Equal(2, instancesWhileBlocked);
        Assert.Equal(payloads, results.Select(r => r.Payload)); // every caller got its own answer
        Assert.Equal(2, results.Count(r => r.Cold));
        Assert.All(results.Skip(2), r => Assert.True(r.QueueWait > TimeSpan.Zero));
        var statistics = pool.Statistics;
        Assert.Equal(new PoolStatistics(2, 2, 2, 6, 4, statistics.TotalQueueWait, statistics.MaxQueueWait), statistics);
        Assert.True(statistics.MaxQueueWait >= results.Max(r => r.QueueWait));
    }

    [Fact]
    public async Task A_queued_invocation_that_finds_no_free_instance_in_time_is_throttled_and_the_busy_one_is_untouched()
    {
        await using var pool = new LocalFunctionPool(BashRuntime.Options(maxInstances: 1, queueTimeout: TimeSpan.FromMilliseconds(200)));
        using var gate = new Gate();
        var busy = pool.InvokeAsync(gate.Event(1));

        var throttled = await pool.InvokeAsync("""{"late":true}""");
        gate.Open();
        var answered = await busy;
        var after = await pool.InvokeAsync("""{"after":true}""");

        Assert.Equal("TooManyRequestsException", throttled.Error!.ErrorType);
        Assert.Equal(ErrorOrigin.Service, throttled.Error.Origin);
        Assert.Contains("raise the function's concurrency or the queue timeout", throttled.Error.ErrorMessage);
        Assert.True(throttled.QueueWait >= TimeSpan.FromMilliseconds(200));
        Assert.Empty(throttled.Logs);
        Assert.Equal(gate.Event(1), answered.Payload);
        Assert.False(after.Cold); // the line's timeout did not cost the instance
        Assert.Equal("""{"after":true}""", after.Payload);
        Assert.Equal(1, pool.InstanceCount);
    }

    [Fact]
    public async Task A_crashed_process_is_replaced_within_the_bound()
    {
        await using var pool = new LocalFunctionPool(BashRuntime.Options(maxInstances: 1));
        await pool.InvokeAsync("{}");

        var crashed = await pool.InvokeAsync("""{"crash":true}""");
        var next = await pool.InvokeAsync("{}");

        Assert.Equal("Runtime.ExitError", crashed.Error!.ErrorType);
        Assert.True(next.Cold);
        Assert.Equal("{}", next.Payload);
        Assert.NotEqual(crashed.LogStreamName, next.LogStreamName); // a new process, a new log stream
        Assert.Equal(1, pool.InstanceCount);
        Assert.Equal(2, pool.Statistics.ColdStarts);
    }

    [Fact]
    public void A_bound_below_one_is_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalFunctionPool(BashRuntime.Options(maxInstances: 0)));

        Assert.Contains("at least 1 instance", error.Message);
        Assert.Contains("leave it unset", error.Message);
    }

    /// <summary>A file the bash runtime's "wait" events block on until it exists.</summary>
    private sealed class Gate : IDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), $"pool-gate-{Guid.NewGuid():N}");

        public string Event(int i) => $$"""{"i":{{i}},"wait":"{{path}}"}""";

        public void Open() => File.WriteAllText(path, "");

        public void Dispose() => File.Delete(path);
    }
}
