using Jsonata.Parsing;

namespace Jsonata.Evaluation;

// The evaluator's value model (JSON conversion happens only at the edges, see JsonConversion):
//   C# null  = undefined (JSONata's empty sequence)
//   JsonNull = JSON null
//   double, string, bool
//   JArray   = a JSON array or a JSONata sequence (flags below), never holding undefined
//   JObject  = a JSON object, insertion-ordered
//   JFunction = a lambda, a built-in, a partial application, a regex matcher, a transform

internal sealed class JsonNull
{
    public static readonly JsonNull Value = new();

    private JsonNull()
    {
    }

    public override string ToString() => "null";
}

/// <summary>
/// A JSON array, or a sequence (the result of a path step). The flags are the reference's array annotations:
/// a sequence of one item collapses to the item unless <see cref="KeepSingleton"/>.
/// </summary>
internal sealed class JArray : List<object>
{
    public JArray()
    {
    }

    public JArray(IEnumerable<object> items) : base(items)
    {
    }

    public JArray(int capacity) : base(capacity)
    {
    }

    public bool IsSequence { get; set; }
    public bool KeepSingleton { get; set; }

    /// <summary>The input document was an array: wrapped so paths treat it as one value.</summary>
    public bool OuterWrapper { get; set; }

    /// <summary>Items are <see cref="Tuple"/>s carrying variable bindings (paths with @ or #).</summary>
    public bool TupleStream { get; set; }

    /// <summary>Built by an array constructor (kept as one value when it is a path step).</summary>
    public bool Cons { get; set; }

    public static JArray Sequence() => new() { IsSequence = true };

    public static JArray Sequence(object item)
    {
        var s = new JArray(1) { IsSequence = true };
        s.Add(item);
        return s;
    }
}

internal sealed class JObject : OrderedDictionary<string, object>
{
    public JObject()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>One item of a tuple stream: the context value ("@") and the variables bound along the path.</summary>
internal sealed class Tuple : Dictionary<string, object?>
{
    public Tuple()
        : base(StringComparer.Ordinal)
    {
    }

    public Tuple(Tuple other)
        : base(other, StringComparer.Ordinal)
    {
    }

    public object? Context
    {
        get => this.GetValueOrDefault("@");
        set => this["@"] = value;
    }
}

internal abstract class JFunction
{
    /// <summary>How many arguments the higher-order functions pass it (value, index, array).</summary>
    public abstract int Arity { get; }

    public virtual Signature? Signature => null;
}

internal sealed class Lambda(LambdaNode node, object? input, Frame environment, List<string> parameters) : JFunction
{
    public LambdaNode Node { get; } = node;
    public object? Input { get; } = input;
    public Frame Environment { get; } = environment;
    public List<string> Parameters { get; } = parameters;
    public override int Arity => Parameters.Count;
    public override Signature? Signature => Node.Signature;
}

internal delegate object? BuiltinImplementation(Evaluator evaluator, object?[] arguments, object? input);

internal sealed class Builtin(string name, Signature? signature, int arity, BuiltinImplementation implementation) : JFunction
{
    public string Name { get; } = name;
    public override Signature? Signature { get; } = signature;
    public override int Arity { get; } = arity;
    public BuiltinImplementation Implementation { get; } = implementation;
}

/// <summary>A function with some arguments fixed by partial application (<c>f(?, 2)</c>).</summary>
internal sealed class PartialFunction(JFunction target, object?[] bound, int[] holes) : JFunction
{
    public JFunction Target { get; } = target;

    /// <summary>All arguments, with the placeholders' slots empty.</summary>
    public object?[] Bound { get; } = bound;

    public int[] Holes { get; } = holes;
    public override int Arity => Holes.Length;
}

/// <summary>A host function from <see cref="JsonataEnvironment"/>.</summary>
internal sealed class HostFunction(string name, JsonataFunction function) : JFunction
{
    public string Name { get; } = name;
    public JsonataFunction Function { get; } = function;
    public override int Arity => 1;
}

/// <summary>A regex literal's value: a function from a string to its first match object.</summary>
internal sealed class RegexFunction(RegexNode node) : JFunction
{
    public System.Text.RegularExpressions.Regex Regex => Node.Regex;
    public RegexNode Node { get; } = node;
    public override int Arity => 1;
}

/// <summary>The value of a transform expression <c>| pattern | update, delete |</c>: a function of one object.</summary>
internal sealed class TransformFunction(TransformNode node, Frame environment) : JFunction
{
    public TransformNode Node { get; } = node;
    public Frame Environment { get; } = environment;
    public override int Arity => 1;
}

/// <summary>f ~> g where f is a function: the composition x => g(f(x)).</summary>
internal sealed class ChainFunction(JFunction first, JFunction second) : JFunction
{
    public JFunction First { get; } = first;
    public JFunction Second { get; } = second;
    public override int Arity => 1;
}

/// <summary>Variable scope: a block, a lambda call or a tuple step. Lookups walk outwards.</summary>
internal sealed class Frame(Frame? parent)
{
    private Dictionary<string, object?>? bindings;

    public Frame? Parent { get; } = parent;

    public void Bind(string name, object? value) => (bindings ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;

    public bool TryLookup(string name, out object? value)
    {
        for (var frame = this; frame != null; frame = frame.Parent)
        {
            if (frame.bindings != null && frame.bindings.TryGetValue(name, out value)) return true;
        }
        value = null;
        return false;
    }
}
