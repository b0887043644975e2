using System.Text.RegularExpressions;

namespace Jsonata.Parsing;

/// <summary>
/// The abstract syntax tree. The parser builds it in two passes (Pratt parse, then path flattening), after which
/// it is never modified, so one tree serves any number of concurrent evaluations.
/// The annotations on the base class are what path steps carry: predicates, stages, focus/index bindings, groups.
/// </summary>
internal abstract class Node(int position)
{
    public int Position { get; } = position;

    /// <summary>Filters applied to the node's value outside a path ("predicate" in the reference).</summary>
    public List<Stage>? Predicates { get; set; }

    /// <summary>Filters and index bindings applied per step inside a path, in source order.</summary>
    public List<Stage>? Stages { get; set; }

    public ObjectNode? Group { get; set; }

    /// <summary>Variable bound by <c>@$v</c> (context binding) on this step.</summary>
    public string? Focus { get; set; }

    /// <summary>Variable bound by <c>#$v</c> (positional binding) on this step.</summary>
    public string? IndexVariable { get; set; }

    /// <summary>The step takes part in a tuple stream (carries variable bindings per item).</summary>
    public bool Tuple { get; set; }

    /// <summary>The step was followed by <c>[]</c>: keep singleton arrays.</summary>
    public bool KeepArray { get; set; }

    /// <summary>An array constructor used as a path step: its array is one value, not flattened.</summary>
    public bool ConsArray { get; set; }

    /// <summary>Parent operators inside this node whose ancestor step is not yet found (it lies further out).</summary>
    public List<Slot>? SeekingParent { get; set; }

    /// <summary>On a step: its input is the value of a parent operator further on, bound in the tuple under the
    /// slot's label.</summary>
    public Slot? Ancestor { get; set; }
}

/// <summary>Where a parent operator <c>%</c> finds its value: the tuple binding <see cref="Label"/>, set by the
/// step <see cref="Level"/> steps back (counted down while the parser walks back to it).</summary>
internal sealed class Slot(string label, int level, int index)
{
    public string Label { get; set; } = label;
    public int Level { get; set; } = level;

    /// <summary>The parent operator's number in the expression.</summary>
    public int Index { get; } = index;
}

internal sealed record Stage(Node? Filter, string? IndexVariable, int Position);

internal sealed class LiteralNode(int position, object? value) : Node(position)
{
    /// <summary>A double, string, bool or null (JSON null).</summary>
    public object? Value { get; } = value;
}

internal sealed class NameNode(int position, string name) : Node(position)
{
    public string Name { get; } = name;
}

internal sealed class VariableNode(int position, string name) : Node(position)
{
    /// <summary>Without the '$': "" is the context <c>$</c>, "$" the root <c>$$</c>.</summary>
    public string Name { get; } = name;
}

internal sealed class WildcardNode(int position) : Node(position);

internal sealed class DescendantNode(int position) : Node(position);

internal sealed class RegexNode(int position, Regex regex, string text) : Node(position)
{
    public Regex Regex { get; } = regex;
    public string Text { get; } = text;
}

internal sealed class PathNode(int position, List<Node> steps) : Node(position)
{
    public List<Node> Steps { get; } = steps;
    public bool KeepSingletonArray { get; set; }
}

/// <summary>Arithmetic, comparison, boolean, <c>in</c>, <c>&amp;</c> and <c>..</c>; before flattening also '.', '[', '{', '^', ':=', '@', '#', '~>'.</summary>
internal sealed class BinaryNode(int position, string op, Node lhs, Node rhs) : Node(position)
{
    public string Op { get; } = op;
    public Node Lhs { get; } = lhs;
    public Node Rhs { get; } = rhs;
}

internal sealed class NegateNode(int position, Node operand) : Node(position)
{
    public Node Operand { get; } = operand;
}

internal sealed class ArrayNode(int position, List<Node> items) : Node(position)
{
    public List<Node> Items { get; } = items;
}

internal sealed class ObjectNode(int position, List<(Node Key, Node Value)> pairs) : Node(position)
{
    public List<(Node Key, Node Value)> Pairs { get; } = pairs;
}

internal sealed record SortTerm(Node Expression, bool Descending);

internal sealed class SortNode(int position, List<SortTerm> terms) : Node(position)
{
    public List<SortTerm> Terms { get; } = terms;
}

internal sealed class BindNode(int position, string variable, Node value) : Node(position)
{
    public string Variable { get; } = variable;
    public Node Value { get; } = value;
}

internal sealed class ApplyNode(int position, Node lhs, Node rhs) : Node(position)
{
    public Node Lhs { get; } = lhs;
    public Node Rhs { get; } = rhs;
}

internal sealed class ConditionNode(int position, Node condition, Node then, Node? otherwise) : Node(position)
{
    public Node Condition { get; } = condition;
    public Node Then { get; } = then;
    public Node? Else { get; } = otherwise;
}

internal sealed class BlockNode(int position, List<Node> expressions) : Node(position)
{
    public List<Node> Expressions { get; } = expressions;
}

/// <summary>A call <c>f(args)</c>; <see cref="IsPartial"/> when some arguments are the placeholder <c>?</c>.</summary>
internal sealed class CallNode(int position, Node procedure, List<Node> arguments, bool isPartial) : Node(position)
{
    public Node Procedure { get; } = procedure;
    public List<Node> Arguments { get; } = arguments;
    public bool IsPartial { get; } = isPartial;
}

internal sealed class PlaceholderNode(int position) : Node(position);

internal sealed class LambdaNode(int position, List<string> parameters, Signature? signature, Node body, bool isThunk) : Node(position)
{
    public List<string> Parameters { get; } = parameters;
    public Signature? Signature { get; } = signature;
    public Node Body { get; set; } = body;

    /// <summary>A tail call wrapped by the parser so the evaluator can trampoline it instead of recursing.</summary>
    public bool IsThunk { get; } = isThunk;
}

internal sealed class TransformNode(int position, Node pattern, Node update, Node? delete) : Node(position)
{
    public Node Pattern { get; } = pattern;
    public Node Update { get; } = update;
    public Node? Delete { get; } = delete;
}

/// <summary>The parent operator <c>%</c>: the value the step before the current one was applied to. The parser
/// finds that step and makes it bind the value under <see cref="Slot"/>'s label.</summary>
internal sealed class ParentNode(int position, Slot? slot = null) : Node(position)
{
    public Slot? Slot { get; } = slot;
}

/// <summary>An operator token in operand position ('and', 'or', 'in' become names; '?' a placeholder).</summary>
internal sealed class OperatorNode(int position, string op) : Node(position)
{
    public string Op { get; } = op;
}

internal sealed class EndNode(int position) : Node(position);
