using Jsonata.Parsing;

namespace Jsonata.Evaluation;

/// <summary>Function calls: invocation with signature validation, tail-call trampolining, partial application, ~>.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluateCall(CallNode expr, object? input, Frame env, bool hasApplyTo, object? applyTo)
    {
        var procedure = Eval(expr.Procedure, input, env);
        if (procedure == null && expr.Procedure is PathNode { Steps: [NameNode name, ..] } && LookupVariable(name.Name, env) != null)
            throw new JsonataException("T1005", expr.Position,
                $"Attempted to invoke a non-function. Did you mean ${name.Name}?", name.Name);
        var args = new List<object?>(expr.Arguments.Count + 1);
        if (hasApplyTo) args.Add(applyTo);
        foreach (var argument in expr.Arguments) args.Add(Eval(argument, input, env));
        CallFrame = env;
        return Apply(procedure, args, input, expr.Position, CallSiteName(expr.Procedure));
    }

    /// <summary>The name a call is made by (<c>sum</c> in <c>$sum(x)</c>), which the reference puts in its signature
    /// errors; null for an unnamed procedure (a lambda literal, a function-valued expression).</summary>
    private static string? CallSiteName(Node procedure) => procedure switch
    {
        VariableNode variable => variable.Name,
        PathNode { Steps: [NameNode name, ..] } => name.Name,
        PathNode { Steps: [VariableNode variable, ..] } => variable.Name,
        _ => null,
    };

    private object? EvaluatePartial(CallNode expr, object? input, Frame env)
    {
        var bound = new object?[expr.Arguments.Count];
        var holes = new List<int>();
        for (var i = 0; i < expr.Arguments.Count; i++)
        {
            if (expr.Arguments[i] is PlaceholderNode) holes.Add(i);
            else bound[i] = Eval(expr.Arguments[i], input, env);
        }
        var procedure = Eval(expr.Procedure, input, env);
        if (procedure == null && expr.Procedure is PathNode { Steps: [NameNode name, ..] } && LookupVariable(name.Name, env) != null)
            throw new JsonataException("T1007", expr.Position,
                $"Attempted to partially apply a non-function. Did you mean ${name.Name}?", name.Name);
        if (procedure is not JFunction function)
            throw new JsonataException("T1008", expr.Position, "Attempted to partially apply a non-function");
        return new PartialFunction(function, bound, [.. holes]);
    }

    private object? EvaluateApply(ApplyNode expr, object? input, Frame env)
    {
        var lhs = Eval(expr.Lhs, input, env);
        if (expr.Rhs is CallNode { IsPartial: false } call) return EvaluateCall(call, input, env, true, lhs);
        var function = Eval(expr.Rhs, input, env);
        if (function is not JFunction f)
            throw new JsonataException("T2006", expr.Position, "The right side of the function application operator ~> must be a function");
        if (lhs is JFunction first) return new ChainFunction(first, f);
        return Apply(f, [lhs], JsonNull.Value, expr.Position);
    }

    /// <summary>Calls <paramref name="procedure"/>, running tail calls in a loop rather than on the stack.</summary>
    /// <param name="name">The name the call site uses for the procedure, for error messages (see <see cref="CallSiteName"/>).</param>
    public object? Apply(object? procedure, IReadOnlyList<object?> args, object? input, int position, string? name = null)
    {
        var result = ApplyInner(procedure, args, input, position, name);
        while (result is Lambda { Node.IsThunk: true } thunk)
        {
            var call = (CallNode)thunk.Node.Body;
            var next = Eval(call.Procedure, thunk.Input, thunk.Environment);
            var nextArgs = new List<object?>(call.Arguments.Count);
            foreach (var argument in call.Arguments) nextArgs.Add(Eval(argument, thunk.Input, thunk.Environment));
            result = ApplyInner(next, nextArgs, input, call.Position, CallSiteName(call.Procedure));
        }
        return result;
    }

    private object? ApplyInner(object? procedure, IReadOnlyList<object?> args, object? input, int position, string? name = null)
    {
        if (procedure is not JFunction function)
            throw new JsonataException("T1006", position, "Attempted to invoke a non-function");
        var validated = function.Signature != null ? function.Signature.Validate(args, input, position, name) : args;
        switch (function)
        {
            case Lambda lambda:
                {
                    var frame = new Frame(lambda.Environment);
                    for (var i = 0; i < lambda.Parameters.Count; i++)
                        frame.Bind(lambda.Parameters[i], i < validated.Count ? validated[i] : null);
                    return Eval(lambda.Node.Body, lambda.Input, frame);
                }
            case Builtin builtin:
                try
                {
                    return builtin.Implementation(this, validated as object?[] ?? [.. validated], input);
                }
                catch (FunctionException e)
                {
                    throw new JsonataException(e.Code, position, e.Message, builtin.Name);
                }
            case PartialFunction partial:
                {
                    var all = (object?[])partial.Bound.Clone();
                    for (var i = 0; i < partial.Holes.Length; i++)
                        all[partial.Holes[i]] = i < validated.Count ? validated[i] : null;
                    return Apply(partial.Target, all, input, position);
                }
            case ChainFunction chain:
                return Apply(chain.Second, [Apply(chain.First, validated, input, position)], input, position);
            case HostFunction host:
                return CallHost(host, validated, input);
            case RegexFunction regex:
                return RegexMatches.MatchObject(regex, validated.Count > 0 ? validated[0] : null, position);
            case TransformFunction transform:
                return ApplyTransform(transform, validated.Count > 0 ? validated[0] : null);
            default:
                throw new JsonataException("T1006", position, "Attempted to invoke a non-function");
        }
    }

    private static object? CallHost(HostFunction host, IReadOnlyList<object?> args, object? input)
    {
        var converted = args.Select(JsonConversion.ToResult).ToList();
        var result = host.Function(converted, JsonConversion.ToResult(input is JArray { OuterWrapper: true } w ? w[0] : input));
        return result.IsUndefined ? null : JsonConversion.FromNode(result.Value);
    }

    private object? ApplyTransform(TransformFunction transform, object? value)
    {
        if (value == null) return null;
        if (value is not (JObject or JArray))
            throw new JsonataException("T0410", transform.Node.Position, $"Argument 1 of function {Operators.Describe(null)} does not match function signature");
        var result = Operators.DeepClone(value);
        var expr = transform.Node;
        var matches = Eval(expr.Pattern, result, transform.Environment);
        if (matches == null) return result;
        var list = matches as JArray ?? [matches];
        foreach (var match in list)
        {
            var update = Eval(expr.Update, match, transform.Environment);
            if (update != null)
            {
                if (update is not JObject updates)
                    throw new JsonataException("T2011", expr.Update.Position,
                        $"The insert/update clause of the transform expression must evaluate to an object: {Operators.Describe(update)}");
                if (match is JObject target)
                {
                    foreach (var (k, v) in updates) target[k] = v;
                }
                else if (match is not JArray && updates.Count > 0)
                {
                    // The reference fails here too (assigning a property to a primitive is a JavaScript TypeError).
                    throw new JsonataException("T2011", expr.Update.Position,
                        $"The transform pattern matched {Operators.Describe(match)}, which is not an object and cannot be updated");
                }
            }
            if (expr.Delete != null)
            {
                var deletions = Eval(expr.Delete, match, transform.Environment);
                if (deletions == null) continue;
                var names = deletions as JArray ?? [deletions];
                if (names.Any(n => n is not string))
                    throw new JsonataException("T2012", expr.Delete.Position,
                        $"The delete clause of the transform expression must evaluate to a string or array of strings: {Operators.Describe(deletions)}");
                if (match is JObject target)
                {
                    foreach (string name in names) target.Remove(name);
                }
            }
        }
        return result;
    }

    /// <summary>Calls a function value from a higher-order built-in with as many of (value, index, array) as it takes.</summary>
    public object? CallWith(JFunction function, object? value, object? index, object? array)
    {
        var arity = function.Arity;
        object?[] args = arity >= 3 ? [value, index, array] : arity == 2 ? [value, index] : [value];
        return Apply(function, args, JsonNull.Value, 0);
    }
}
