using System.Text.Json.Nodes;

namespace StepFunctions.Local.Core;

/// <summary>Workflow variables (<c>Assign</c>, read as <c>$name</c>) of one scope: the top level of an execution,
/// a Parallel branch or a Map iteration. An inner scope reads the outer ones but writes only itself, so branches
/// and iterations never see each other's values and hand results back through their output. Thread-safe:
/// sibling branches read the shared outer scope while each writes its own.</summary>
public sealed class VariableScope
{
    private readonly VariableScope? parent;
    private readonly Dictionary<string, JsonNode?> values = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public VariableScope(VariableScope? parent = null) => this.parent = parent;

    /// <summary>A scope that reads this one (a Parallel branch or Map iteration).</summary>
    public VariableScope Inner() => new(this);

    public bool TryGet(string name, out JsonNode? value)
    {
        lock (gate)
        {
            if (values.TryGetValue(name, out value))
            {
                return true;
            }
        }
        if (parent is not null)
        {
            return parent.TryGet(name, out value);
        }
        value = null;
        return false;
    }

    /// <summary>Every visible variable, inner values shadowing outer ones (what an expression sees).</summary>
    public Dictionary<string, JsonNode?> Snapshot()
    {
        var all = parent?.Snapshot() ?? new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        lock (gate)
        {
            foreach (var (name, value) in values)
            {
                all[name] = value;
            }
        }
        return all;
    }

    /// <summary>Binds every value of one state's Assign at once (they were all evaluated before any is bound).</summary>
    public void Assign(JsonObject assigned)
    {
        lock (gate)
        {
            foreach (var (name, value) in assigned)
            {
                values[name] = value?.DeepClone();
            }
        }
    }
}
