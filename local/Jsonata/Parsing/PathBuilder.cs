namespace Jsonata.Parsing;

/// <summary>
/// Second parser pass: turns the raw operator tree into the evaluator's shape. Chains of '.' become one
/// <see cref="PathNode"/> of steps; '[...]' becomes a predicate (or a step stage inside a path); '{...}' after
/// an expression a group; '^(...)' a sort step; '@$v' and '#$v' bindings on the last step. Each parent operator
/// '%' is resolved to the step whose input it means: that step becomes a tuple step binding its input under the
/// operator's label (the reference's "ancestry": seekingParent slots pushed outwards until a path resolves them).
/// </summary>
internal sealed class PathBuilder
{
    private readonly List<ParentNode> parents = [];

    public static Node Build(Node expr)
    {
        var result = new PathBuilder().Process(expr);
        if (result is ParentNode || result.SeekingParent != null) throw ParentNotDerivable(result);
        return result;
    }

    private static JsonataException ParentNotDerivable(Node node) =>
        new("S0217", node.Position, "The object representing the 'parent' cannot be derived from this expression", "%");

    private Node Process(Node expr)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw Parser.TooDeep(expr.Position);
        Node result;
        switch (expr)
        {
            case BinaryNode binary:
                result = ProcessBinary(binary);
                break;
            case NegateNode negate:
                {
                    var operand = Process(negate.Operand);
                    result = operand is LiteralNode { Value: double d } && operand.Predicates == null
                        ? new LiteralNode(operand.Position, -d) { KeepArray = operand.KeepArray }
                        : PushAncestry(new NegateNode(negate.Position, operand), operand);
                    break;
                }
            case ArrayNode array:
                {
                    var items = array.Items.Select(Process).ToList();
                    result = PushAncestry(new ArrayNode(array.Position, items), [.. items]);
                    break;
                }
            case ObjectNode obj:
                {
                    var pairs = obj.Pairs.Select(p => (Process(p.Key), Process(p.Value))).ToList();
                    result = PushAncestry(new ObjectNode(obj.Position, pairs), [.. pairs.SelectMany(p => new[] { p.Item1, p.Item2 })]);
                    break;
                }
            case CallNode call:
                {
                    var arguments = call.Arguments.Select(Process).ToList();
                    result = PushAncestry(new CallNode(call.Position, Process(call.Procedure), arguments, call.IsPartial), [.. arguments]);
                    break;
                }
            case LambdaNode lambda:
                result = new LambdaNode(lambda.Position, lambda.Parameters, lambda.Signature, TailCall(Process(lambda.Body)), false);
                break;
            case ConditionNode condition:
                {
                    var (test, then, otherwise) = (Process(condition.Condition), Process(condition.Then), condition.Else == null ? null : Process(condition.Else));
                    result = PushAncestry(new ConditionNode(condition.Position, test, then, otherwise), otherwise == null ? [test, then] : [test, then, otherwise]);
                    break;
                }
            case TransformNode transform:
                result = new TransformNode(transform.Position, Process(transform.Pattern), Process(transform.Update),
                    transform.Delete == null ? null : Process(transform.Delete));
                break;
            case BlockNode block:
                {
                    var expressions = block.Expressions.Select(Process).ToList();
                    result = PushAncestry(new BlockNode(block.Position, expressions)
                    {
                        ConsArray = expressions.Any(e => e.ConsArray || (e is PathNode p && p.Steps[0].ConsArray)),
                    }, [.. expressions]);
                    break;
                }
            case NameNode name:
                result = new PathNode(name.Position, [name]) { KeepSingletonArray = name.KeepArray };
                break;
            case OperatorNode { Op: "and" or "or" or "in" } op:
                result = new PathNode(op.Position, [new NameNode(op.Position, op.Op) { KeepArray = op.KeepArray }])
                {
                    KeepSingletonArray = op.KeepArray,
                };
                break;
            case OperatorNode op:
                throw new JsonataException("S0201", op.Position, $"Syntax error: \"{op.Op}\"", op.Op);
            case ParentNode parent:
                {
                    var resolved = new ParentNode(parent.Position, new Slot("!" + parents.Count, 1, parents.Count));
                    parents.Add(resolved);
                    result = resolved;
                    break;
                }
            case EndNode end:
                throw new JsonataException("S0207", end.Position, "Unexpected end of expression");
            default:
                result = expr; // literals, variables, wildcards, regexes, placeholders: already final
                break;
        }
        if (expr.KeepArray) result.KeepArray = true;
        return result;
    }

    private Node ProcessBinary(BinaryNode expr)
    {
        switch (expr.Op)
        {
            case ".":
                {
                    var left = Process(expr.Lhs);
                    var path = left as PathNode ?? new PathNode(left.Position, [left]);
                    if (left is ParentNode parent) path.SeekingParent = [parent.Slot!];
                    var rest = Process(expr.Rhs);
                    if (rest is PathNode restPath)
                    {
                        path.Steps.AddRange(restPath.Steps);
                    }
                    else
                    {
                        if (rest.Predicates != null)
                        {
                            rest.Stages = rest.Predicates;
                            rest.Predicates = null;
                        }
                        path.Steps.Add(rest);
                    }
                    for (var i = 0; i < path.Steps.Count; i++)
                    {
                        var step = path.Steps[i];
                        if (step is LiteralNode { Value: double or bool or null } literal)
                            throw new JsonataException("S0213", step.Position, $"The literal value {Literal(literal.Value)} cannot be used as a step within a path expression");
                        if (step is LiteralNode { Value: string s })
                            path.Steps[i] = CopyAnnotations(step, new NameNode(step.Position, s));
                    }
                    if (path.Steps.Any(s => s.KeepArray)) path.KeepSingletonArray = true;
                    if (path.Steps[0] is ArrayNode) path.Steps[0].ConsArray = true;
                    if (path.Steps[^1] is ArrayNode) path.Steps[^1].ConsArray = true;
                    ResolveAncestry(path);
                    return path;
                }
            case "[":
                {
                    var result = Process(expr.Lhs);
                    var step = result;
                    var inPath = false;
                    if (result is PathNode path)
                    {
                        step = path.Steps[^1];
                        inPath = true;
                    }
                    if (step.Group != null)
                        throw new JsonataException("S0209", expr.Position, "A predicate cannot follow a grouping expression in a step");
                    var predicate = Process(expr.Rhs);
                    if (predicate.SeekingParent != null)
                    {
                        // A '%' directly in the predicate means the step's own input; deeper ones look further out.
                        foreach (var slot in predicate.SeekingParent)
                        {
                            if (slot.Level == 1) SeekParent(step, slot);
                            else slot.Level--;
                        }
                        PushAncestry(step, predicate);
                    }
                    var stage = new Stage(predicate, null, expr.Position);
                    if (inPath) (step.Stages ??= []).Add(stage);
                    else (step.Predicates ??= []).Add(stage);
                    return result;
                }
            case "{":
                {
                    var result = Process(expr.Lhs);
                    if (result.Group != null)
                        throw new JsonataException("S0210", expr.Position, "Each step can only have one grouping expression");
                    var obj = (ObjectNode)expr.Rhs;
                    result.Group = new ObjectNode(expr.Position, obj.Pairs.Select(p => (Process(p.Key), Process(p.Value))).ToList());
                    return result;
                }
            case "^":
                {
                    var result = Process(expr.Lhs);
                    var path = result as PathNode ?? new PathNode(result.Position, [result]);
                    var sort = (SortNode)expr.Rhs;
                    var terms = sort.Terms.Select(t => new SortTerm(Process(t.Expression), t.Descending)).ToList();
                    path.Steps.Add(PushAncestry(new SortNode(expr.Position, terms), [.. terms.Select(t => t.Expression)]));
                    ResolveAncestry(path);
                    return path;
                }
            case ":=":
                {
                    var value = Process(expr.Rhs);
                    return PushAncestry(new BindNode(expr.Position, ((VariableNode)expr.Lhs).Name, value), value);
                }
            case "@":
                {
                    var result = Process(expr.Lhs);
                    var step = result is PathNode path ? path.Steps[^1] : result;
                    if (step.Stages != null || step.Predicates != null)
                        throw new JsonataException("S0215", expr.Position, "A context variable binding must precede any predicates on a step");
                    if (step is SortNode)
                        throw new JsonataException("S0216", expr.Position, "A context variable binding must precede the 'order-by' clause on a step");
                    if (expr.KeepArray) step.KeepArray = true;
                    step.Focus = ((VariableNode)expr.Rhs).Name;
                    step.Tuple = true;
                    return result;
                }
            case "#":
                {
                    var result = Process(expr.Lhs);
                    Node step;
                    if (result is PathNode path)
                    {
                        step = path.Steps[^1];
                    }
                    else
                    {
                        step = result;
                        result = new PathNode(step.Position, [step]);
                        if (step.Predicates != null)
                        {
                            step.Stages = step.Predicates;
                            step.Predicates = null;
                        }
                    }
                    var variable = ((VariableNode)expr.Rhs).Name;
                    if (step.Stages == null) step.IndexVariable = variable;
                    else step.Stages.Add(new Stage(null, variable, expr.Position));
                    step.Tuple = true;
                    return result;
                }
            case "~>":
                {
                    var lhs = Process(expr.Lhs);
                    var rhs = Process(expr.Rhs);
                    return new ApplyNode(expr.Position, lhs, rhs) { KeepArray = lhs.KeepArray || rhs.KeepArray };
                }
            default:
                {
                    var (lhs, rhs) = (Process(expr.Lhs), Process(expr.Rhs));
                    return PushAncestry(new BinaryNode(expr.Position, expr.Op, lhs, rhs), lhs, rhs);
                }
        }
    }

    // ---- the parent operator ------------------------------------------------------------------------------

    /// <summary>Carries the unresolved parent operators of <paramref name="parts"/> up to <paramref name="node"/>.</summary>
    private static Node PushAncestry(Node node, params Node[] parts)
    {
        foreach (var part in parts)
        {
            if (part.SeekingParent == null && part is not ParentNode) continue;
            var slots = part.SeekingParent ?? [];
            if (part is ParentNode parent) slots.Add(parent.Slot!);
            if (node.SeekingParent == null) node.SeekingParent = slots;
            else node.SeekingParent.AddRange(slots);
        }
        return node;
    }

    /// <summary>For the parent operators in a path's last step, walks back through the path's earlier steps to the
    /// step each one means; those not found within the path are left to the expression around it.</summary>
    private void ResolveAncestry(PathNode path)
    {
        var last = path.Steps[^1];
        var slots = last.SeekingParent ?? [];
        if (last is ParentNode parent) slots.Add(parent.Slot!);
        foreach (var original in slots)
        {
            var slot = original;
            var index = path.Steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }
                var step = path.Steps[index--];
                // Contiguous steps that bind the focus (@$v) count as one.
                while (index >= 0 && step.Focus != null && path.Steps[index].Focus != null) step = path.Steps[index--];
                slot = SeekParent(step, slot);
            }
        }
    }

    /// <summary>Counts <paramref name="node"/> as one step back for <paramref name="slot"/>; the step where the count
    /// reaches zero binds its input under the slot's label.</summary>
    private Slot SeekParent(Node node, Slot slot)
    {
        switch (node)
        {
            case NameNode or WildcardNode:
                slot.Level--;
                if (slot.Level == 0)
                {
                    // A step already bound for another '%' keeps one label for both.
                    if (node.Ancestor != null) parents[slot.Index].Slot!.Label = node.Ancestor.Label;
                    node.Ancestor = slot;
                    node.Tuple = true;
                }
                break;
            case ParentNode:
                slot.Level++;
                break;
            case BlockNode block:
                if (block.Expressions.Count > 0)
                {
                    block.Tuple = true;
                    slot = SeekParent(block.Expressions[^1], slot);
                }
                break;
            case PathNode path:
                path.Tuple = true;
                var index = path.Steps.Count - 1;
                slot = SeekParent(path.Steps[index--], slot);
                while (slot.Level > 0 && index >= 0) slot = SeekParent(path.Steps[index--], slot);
                break;
            default:
                throw ParentNotDerivable(node);
        }
        return slot;
    }

    private static Node CopyAnnotations(Node from, Node to)
    {
        to.Predicates = from.Predicates;
        to.Stages = from.Stages;
        to.Group = from.Group;
        to.Focus = from.Focus;
        to.IndexVariable = from.IndexVariable;
        to.Tuple = from.Tuple;
        to.KeepArray = from.KeepArray;
        to.SeekingParent = from.SeekingParent;
        to.Ancestor = from.Ancestor;
        return to;
    }

    /// <summary>A call in tail position becomes a thunk the evaluator trampolines, so deep tail recursion needs no stack.</summary>
    private static Node TailCall(Node expr) => expr switch
    {
        CallNode { Predicates: null, IsPartial: false } call => new LambdaNode(call.Position, [], null, call, true),
        ConditionNode condition => new ConditionNode(condition.Position, condition.Condition, TailCall(condition.Then),
            condition.Else == null ? null : TailCall(condition.Else)) { KeepArray = condition.KeepArray, Predicates = condition.Predicates, Group = condition.Group },
        BlockNode { Expressions.Count: > 0 } block => new BlockNode(block.Position,
            [.. block.Expressions.Take(block.Expressions.Count - 1), TailCall(block.Expressions[^1])])
        { ConsArray = block.ConsArray, KeepArray = block.KeepArray, Predicates = block.Predicates, Group = block.Group },
        _ => expr,
    };

    /// <summary>A literal as the reference writes it in S0213 (JSON text).</summary>
    private static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
