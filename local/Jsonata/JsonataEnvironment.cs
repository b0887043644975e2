using System.Collections.Immutable;
using Jsonata.Evaluation;
using Jsonata.Functions;

namespace Jsonata;

/// <summary>
/// A host function callable from expressions as <c>$name(...)</c>. Arguments arrive evaluated, undefined ones as
/// <see cref="JsonataResult.Undefined"/>; <paramref name="input"/> is the context value at the call site.
/// Throw <see cref="JsonataException"/> to fail the evaluation with a code of your choice.
/// </summary>
public delegate JsonataResult JsonataFunction(IReadOnlyList<JsonataResult> arguments, JsonataResult input);

/// <summary>
/// What an expression can call and how far it may go: the standard function library (JSONata 2.0.6) plus or
/// minus host functions, and the evaluation limits. Immutable and thread-safe: build one at start-up with
/// <see cref="WithFunction"/>/<see cref="WithoutFunction"/>/<see cref="WithLimits"/> and share it.
/// </summary>
public sealed class JsonataEnvironment
{
    private JsonataEnvironment(ImmutableDictionary<string, JsonataFunction> hostFunctions,
        ImmutableHashSet<string> removed, int maxDepth, TimeSpan timeout, int maxSequenceLength = int.MaxValue)
    {
        HostFunctions = hostFunctions;
        Removed = removed;
        MaxDepth = maxDepth;
        Timeout = timeout;
        MaxSequenceLength = maxSequenceLength;
    }

    /// <summary>The standard library, depth limit 500 nested evaluations, time limit 10 seconds.</summary>
    public static JsonataEnvironment Standard { get; } = new(
        ImmutableDictionary<string, JsonataFunction>.Empty, ImmutableHashSet<string>.Empty, 500, TimeSpan.FromSeconds(10));

    /// <summary>Maximum nesting of evaluations (each sub-expression entered and not yet left, as jsonata's timebox counts them) before U1001.</summary>
    public int MaxDepth { get; }

    /// <summary>Maximum wall-clock time of one evaluation before U1002.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Longest sequence the range operator (<c>[a..b]</c>) may build before
    /// <see cref="JsonataLimitException.MemoryLimit"/> (U1003); unbounded by default, the reference's own D2014 (above
    /// 1e7) aside.</summary>
    public int MaxSequenceLength { get; }

    internal ImmutableDictionary<string, JsonataFunction> HostFunctions { get; }

    internal ImmutableHashSet<string> Removed { get; }

    /// <summary>The standard library's function of that name, or null.</summary>
    internal JFunction? StandardFunction(string name) => Library.Get(name);

    /// <summary>Adds (or replaces, including a standard one) the function <c>$name</c>; name without the '$'.</summary>
    public JsonataEnvironment WithFunction(string name, JsonataFunction function) =>
        new(HostFunctions.SetItem(name, function), Removed.Remove(name), MaxDepth, Timeout, MaxSequenceLength);

    /// <summary>Removes <c>$name</c> (standard or host); calling it then fails like any undefined function (T1006).</summary>
    public JsonataEnvironment WithoutFunction(string name) =>
        new(HostFunctions.Remove(name), Removed.Add(name), MaxDepth, Timeout, MaxSequenceLength);

    public JsonataEnvironment WithLimits(int maxDepth, TimeSpan timeout) =>
        new(HostFunctions, Removed, maxDepth, timeout, MaxSequenceLength);

    /// <summary>Bounds the range operator's sequences (see <see cref="MaxSequenceLength"/>).</summary>
    public JsonataEnvironment WithSequenceLimit(int maxLength) =>
        new(HostFunctions, Removed, MaxDepth, Timeout, maxLength);
}
