using StepFunctions.Local;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>Definitions compiled once per state machine and definition text: every execution of a state machine
/// shares its compiled executors (they are immutable), and an execution that keeps an older definition keeps its own.
/// Every UpdateStateMachine adds a definition, so the cache keeps only the <c>capacity</c> used last: an evicted
/// one is compiled again when next used, and runs holding it keep it.</summary>
internal sealed class CompiledMachines
{
    /// <summary>The default of <c>--max-compiled-machines</c>.</summary>
    public const int DefaultCapacity = 256;

    private readonly int capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, LocalStateMachine Machine)>> byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, LocalStateMachine Machine)> recentFirst = new();
    private readonly Lock gate = new();

    public CompiledMachines(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return byKey.Count;
            }
        }
    }

    public LocalStateMachine Get(string stateMachineArn, string definition)
    {
        var key = stateMachineArn + "|" + SqliteStore.Hash(definition);
        lock (gate)
        {
            if (byKey.TryGetValue(key, out var node))
            {
                recentFirst.Remove(node);
                recentFirst.AddFirst(node);
                return node.Value.Machine;
            }
        }
        // Compiled outside the lock: compiling takes long, and lookups of the other definitions need not wait for it.
        var machine = LocalStateMachine.Create(definition, Arns.MachineName(stateMachineArn), stateMachineArn);
        lock (gate)
        {
            if (byKey.TryGetValue(key, out var raced))
            {
                return raced.Value.Machine;
            }
            byKey[key] = recentFirst.AddFirst((key, machine));
            if (byKey.Count > capacity)
            {
                byKey.Remove(recentFirst.Last!.Value.Key);
                recentFirst.RemoveLast();
            }
        }
        return machine;
    }
}
