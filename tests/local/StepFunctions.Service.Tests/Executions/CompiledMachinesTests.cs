using StepFunctions.Service.Executions;

namespace StepFunctions.Service.Tests.Executions;

/// <summary>The compiled-definition cache in process: bounded, evicting the definition used least recently.</summary>
public sealed class CompiledMachinesTests
{
    private const string Machine = "arn:aws:states:us-east-1:123456789012:stateMachine:cached";

    private static string Definition(int n) => """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":""" + n + ""","End":true}}}""";

    [Fact]
    public void A_definition_is_compiled_once_while_cached_and_the_least_recently_used_is_evicted_beyond_the_capacity()
    {
        var cache = new CompiledMachines(capacity: 2);
        var first = cache.Get(Machine, Definition(1));
        var second = cache.Get(Machine, Definition(2));
        Assert.Same(first, cache.Get(Machine, Definition(1))); // now the most recently used

        cache.Get(Machine, Definition(3)); // one over: evicts 2, the least recently used

        Assert.Equal(2, cache.Count);
        Assert.Same(first, cache.Get(Machine, Definition(1)));
        Assert.NotSame(second, cache.Get(Machine, Definition(2))); // compiled again
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompiledMachines(capacity: 0));
    }
}
