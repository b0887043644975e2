namespace Jsonata.Parsing;

/// <summary>
/// Static analysis of a parsed expression for hosts that evaluate it without an input and want to refuse such
/// reads up front (Step Functions does). Reads only the tree; never evaluates.
/// </summary>
internal static class ReferenceFinder
{
    /// <summary>
    /// What the expression reads from its input at the top level, in source order, each once: a field name
    /// (<c>phone</c> in <c>phone.number</c>), <c>"$"</c> for the context item and <c>"$$"</c> for the root.
    /// Only the first step of a path reads the top-level input; later steps, predicates, sort terms, groupings and
    /// transforms read the values before them. A lambda body keeps the context of the expression around it, so
    /// its first steps count.
    /// </summary>
    public static IReadOnlyList<string> InputReferences(Node root)
    {
        var names = new List<string>();
        CollectInput(root, names);
        return names;
    }

    /// <summary>Every <c>$variable.field</c> the expression reads anywhere (a path whose first step is a variable
    /// and whose second a field name), as "variable.field", in source order, each once.</summary>
    public static IReadOnlyList<string> VariableFields(Node root)
    {
        var fields = new List<string>();
        CollectVariableFields(root, fields);
        return fields;
    }

    private static void Add(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static void CollectInput(Node? node, List<string> names)
    {
        switch (node)
        {
            case PathNode path:
                CollectInput(path.Steps[0], names);
                break;
            case NameNode name:
                Add(names, name.Name);
                break;
            case VariableNode { Name: "" }:
                Add(names, "$");
                break;
            case VariableNode { Name: "$" }:
                Add(names, "$$");
                break;
            case BinaryNode binary:
                CollectInput(binary.Lhs, names);
                CollectInput(binary.Rhs, names);
                break;
            case ApplyNode apply:
                CollectInput(apply.Lhs, names);
                CollectInput(apply.Rhs, names);
                break;
            case NegateNode negate:
                CollectInput(negate.Operand, names);
                break;
            case ArrayNode array:
                array.Items.ForEach(item => CollectInput(item, names));
                break;
            case ObjectNode obj:
                foreach (var (key, value) in obj.Pairs)
                {
                    CollectInput(key, names);
                    CollectInput(value, names);
                }
                break;
            case CallNode call:
                CollectInput(call.Procedure, names);
                call.Arguments.ForEach(argument => CollectInput(argument, names));
                break;
            case LambdaNode lambda:
                CollectInput(lambda.Body, names);
                break;
            case ConditionNode condition:
                CollectInput(condition.Condition, names);
                CollectInput(condition.Then, names);
                CollectInput(condition.Else, names);
                break;
            case BlockNode block:
                block.Expressions.ForEach(expression => CollectInput(expression, names));
                break;
            case BindNode bind:
                CollectInput(bind.Value, names);
                break;
        }
    }

    private static void CollectVariableFields(Node? node, List<string> fields)
    {
        if (node is null)
        {
            return;
        }
        if (node is PathNode { Steps: [VariableNode { Name: not ("" or "$") } variable, NameNode field, ..] })
        {
            Add(fields, $"{variable.Name}.{field.Name}");
        }
        foreach (var child in Children(node))
        {
            CollectVariableFields(child, fields);
        }
    }

    /// <summary>Every node directly below <paramref name="node"/>, annotations (predicates, stages, groups) included.</summary>
    private static IEnumerable<Node?> Children(Node node)
    {
        foreach (var stage in (node.Predicates ?? []).Concat(node.Stages ?? []))
        {
            yield return stage.Filter;
        }
        if (node.Group is { } group)
        {
            yield return group;
        }
        switch (node)
        {
            case PathNode path:
                foreach (var step in path.Steps) yield return step;
                break;
            case BinaryNode binary:
                yield return binary.Lhs;
                yield return binary.Rhs;
                break;
            case ApplyNode apply:
                yield return apply.Lhs;
                yield return apply.Rhs;
                break;
            case NegateNode negate:
                yield return negate.Operand;
                break;
            case ArrayNode array:
                foreach (var item in array.Items) yield return item;
                break;
            case ObjectNode obj:
                foreach (var (key, value) in obj.Pairs)
                {
                    yield return key;
                    yield return value;
                }
                break;
            case SortNode sort:
                foreach (var term in sort.Terms) yield return term.Expression;
                break;
            case CallNode call:
                yield return call.Procedure;
                foreach (var argument in call.Arguments) yield return argument;
                break;
            case LambdaNode lambda:
                yield return lambda.Body;
                break;
            case ConditionNode condition:
                yield return condition.Condition;
                yield return condition.Then;
                yield return condition.Else;
                break;
            case BlockNode block:
                foreach (var expression in block.Expressions) yield return expression;
                break;
            case BindNode bind:
                yield return bind.Value;
                break;
            case TransformNode transform:
                yield return transform.Pattern;
                yield return transform.Update;
                yield return transform.Delete;
                break;
        }
    }
}
