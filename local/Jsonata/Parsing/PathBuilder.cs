namespace Jsonata.Parsing;

/// <summary>
/// Second parser pass: turns the raw operator tree into the evaluator's shape. Chains of '.' become one
/// <see cref="PathNode"/> of steps; '[...]' becomes a predicate (or a step stage inside a path); '{...}' after
/// an expression a group; '^(...)' a sort step; '@$v' and '#$v' bindings on the last step.
/// </summary>
internal static class PathBuilder
{
    public static Node Build(Node expr)
    {
        var result = Process(expr);
        if (result is ParentNode) throw ParentUnsupported(result);
        return result;
    }

    private static JsonataException ParentUnsupported(Node node) =>
        new("S0217", node.Position, "The parent operator % is not supported by this implementation", "%");

    private static Node Process(Node expr)
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
                        : new NegateNode(negate.Position, operand);
                    break;
                }
            case ArrayNode array:
                result = new ArrayNode(array.Position, array.Items.Select(Process).ToList());
                break;
            case ObjectNode obj:
                result = new ObjectNode(obj.Position, obj.Pairs.Select(p => (Process(p.Key), Process(p.Value))).ToList());
                break;
            case CallNode call:
                result = new CallNode(call.Position, Process(call.Procedure), call.Arguments.Select(Process).ToList(), call.IsPartial);
                break;
            case LambdaNode lambda:
                result = new LambdaNode(lambda.Position, lambda.Parameters, lambda.Signature, TailCall(Process(lambda.Body)), false);
                break;
            case ConditionNode condition:
                result = new ConditionNode(condition.Position, Process(condition.Condition), Process(condition.Then),
                    condition.Else == null ? null : Process(condition.Else));
                break;
            case TransformNode transform:
                result = new TransformNode(transform.Position, Process(transform.Pattern), Process(transform.Update),
                    transform.Delete == null ? null : Process(transform.Delete));
                break;
            case BlockNode block:
                {
                    var expressions = block.Expressions.Select(Process).ToList();
                    result = new BlockNode(block.Position, expressions)
                    {
                        ConsArray = expressions.Any(e => e.ConsArray || (e is PathNode p && p.Steps[0].ConsArray)),
                    };
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
                throw ParentUnsupported(parent);
            case EndNode end:
                throw new JsonataException("S0207", end.Position, "Unexpected end of expression");
            default:
                result = expr; // literals, variables, wildcards, regexes, placeholders: already final
                break;
        }
        if (expr.KeepArray) result.KeepArray = true;
        return result;
    }

    private static Node ProcessBinary(BinaryNode expr)
    {
        switch (expr.Op)
        {
            case ".":
                {
                    var left = Process(expr.Lhs);
                    var path = left as PathNode ?? new PathNode(left.Position, [left]);
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
                        if (step is LiteralNode { Value: double or bool or null })
                            throw new JsonataException("S0213", step.Position, "The literal value cannot be used as a step within a path expression");
                        if (step is LiteralNode { Value: string s })
                            path.Steps[i] = CopyAnnotations(step, new NameNode(step.Position, s));
                    }
                    if (path.Steps.Any(s => s.KeepArray)) path.KeepSingletonArray = true;
                    if (path.Steps[0] is ArrayNode) path.Steps[0].ConsArray = true;
                    if (path.Steps[^1] is ArrayNode) path.Steps[^1].ConsArray = true;
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
                    var stage = new Stage(Process(expr.Rhs), null, expr.Position);
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
                    path.Steps.Add(new SortNode(expr.Position, sort.Terms.Select(t => new SortTerm(Process(t.Expression), t.Descending)).ToList()));
                    return path;
                }
            case ":=":
                return new BindNode(expr.Position, ((VariableNode)expr.Lhs).Name, Process(expr.Rhs));
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
                return new BinaryNode(expr.Position, expr.Op, Process(expr.Lhs), Process(expr.Rhs));
        }
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
}
