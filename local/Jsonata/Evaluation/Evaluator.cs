using System.Runtime.CompilerServices;
using Jsonata.Parsing;

namespace Jsonata.Evaluation;

/// <summary>
/// Evaluates an AST with JSONata's sequence semantics. One instance per evaluation (it carries the limits, the
/// environment and the evaluation's timestamp), so concurrent evaluations of one expression share nothing mutable.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly JsonataEnvironment environment;
    private readonly long deadline;
    private int evalDepth;
    private int ticks;

    private Evaluator(JsonataEnvironment environment)
    {
        this.environment = environment;
        deadline = Environment.TickCount64 + (long)environment.Timeout.TotalMilliseconds;
        Timestamp = DateTimeOffset.UtcNow;
    }

    /// <summary>The evaluation's "now": $now() and $millis() return it throughout one evaluation.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The scope of the innermost function call site ($eval evaluates in it).</summary>
    public Frame CallFrame { get; private set; } = null!;

    public static JsonataResult Run(Node root, object? value, IReadOnlyDictionary<string, JsonataValue>? bindings,
        JsonataEnvironment environment)
    {
        var evaluator = new Evaluator(environment);
        var frame = new Frame(null);
        if (bindings != null)
        {
            foreach (var (name, bound) in bindings) frame.Bind(name, bound.Value);
        }
        frame.Bind("$", value);
        evaluator.CallFrame = frame;
        if (value is JArray array) value = Wrap(array);
        try
        {
            var result = evaluator.Eval(root, value, frame);
            return JsonConversion.ToResult(result);
        }
        catch (InsufficientExecutionStackException)
        {
            throw StackOverflow();
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new JsonataLimitException("U1002", "Expression evaluation timeout: a regular expression took too long");
        }
    }

    /// <summary>An array input document becomes a one-item sequence so that paths treat it as one value.</summary>
    public static JArray Wrap(JArray array)
    {
        var wrapper = JArray.Sequence(array);
        wrapper.OuterWrapper = true;
        return wrapper;
    }

    private static JsonataLimitException StackOverflow() =>
        new("U1001", "Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.");

    private void CheckLimits()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw StackOverflow();
        if ((++ticks & 0x3FF) == 0 && Environment.TickCount64 > deadline)
            throw new JsonataLimitException("U1002", "Expression evaluation timeout: Check for infinite loop");
    }

    /// <summary>Evaluates one sub-expression. Their nesting is bounded by <see cref="JsonataEnvironment.MaxDepth"/>
    /// (U1001), counted as jsonata's own timebox counts it (every evaluation entered and not yet left) and as AWS
    /// bounds it (a 200-term <c>1+1+…</c> overflows).</summary>
    public object? Eval(Node expr, object? input, Frame env)
    {
        // An evaluator serves one evaluation and nothing inside it catches the overflow, so the count needs no reset.
        if (++evalDepth > environment.MaxDepth)
        {
            throw StackOverflow();
        }
        try
        {
            return EvalNode(expr, input, env);
        }
        finally
        {
            evalDepth--;
        }
    }

    private object? EvalNode(Node expr, object? input, Frame env)
    {
        CheckLimits();
        var result = expr switch
        {
            PathNode path => EvaluatePath(path, input, env),
            BinaryNode binary => EvaluateBinary(binary, input, env),
            NegateNode negate => EvaluateNegate(negate, input, env),
            ArrayNode array => EvaluateArray(array, input, env),
            ObjectNode obj => EvaluateGroup(obj, input, env),
            NameNode name => Lookup(input, name.Name),
            LiteralNode literal => literal.Value ?? JsonNull.Value,
            WildcardNode => EvaluateWildcard(input),
            DescendantNode => EvaluateDescendants(input),
            ConditionNode condition => EvaluateCondition(condition, input, env),
            BlockNode block => EvaluateBlock(block, input, env),
            BindNode bind => EvaluateBind(bind, input, env),
            RegexNode regex => new RegexFunction(regex),
            CallNode { IsPartial: false } call => EvaluateCall(call, input, env, false, null),
            CallNode call => EvaluatePartial(call, input, env),
            VariableNode variable => EvaluateVariable(variable, input, env),
            LambdaNode lambda => new Lambda(lambda, input, env, lambda.Parameters),
            ApplyNode apply => EvaluateApply(apply, input, env),
            TransformNode transform => new TransformFunction(transform, env),
            SortNode sort => EvaluateSort(sort, input, env),
            // The value the ancestor step was applied to, bound in the tuple stream under the slot's label.
            ParentNode parent => env.TryLookup(parent.Slot!.Label, out var ancestor) ? ancestor : null,
            _ => throw new JsonataException("S0206", expr.Position, "Unknown expression type"),
        };
        if (expr.Predicates != null)
        {
            foreach (var stage in expr.Predicates) result = EvaluateFilter(stage.Filter!, result, env);
        }
        if (expr is not PathNode && expr.Group != null) result = EvaluateGroup(expr.Group, result, env);
        if (result is JArray { IsSequence: true, TupleStream: false } sequence)
        {
            if (expr.KeepArray) sequence.KeepSingleton = true;
            if (sequence.Count == 0) result = null;
            else if (sequence.Count == 1 && !sequence.KeepSingleton) result = sequence[0];
        }
        return result;
    }

    // ---- paths ----

    private object? EvaluatePath(PathNode expr, object? input, Frame env)
    {
        JArray inputSequence = input is JArray array && expr.Steps[0] is not VariableNode
            ? array
            : JArray.Sequence(input!);
        JArray? resultSequence = null;
        var isTupleStream = false;
        JArray? tupleBindings = null;
        for (var i = 0; i < expr.Steps.Count; i++)
        {
            var step = expr.Steps[i];
            if (step.Tuple) isTupleStream = true;
            if (i == 0 && step.ConsArray)
            {
                var value = Eval(step, inputSequence, env);
                resultSequence = value as JArray ?? (value == null ? null : JArray.Sequence(value));
            }
            else if (isTupleStream)
            {
                tupleBindings = EvaluateTupleStep(step, inputSequence, tupleBindings, env);
            }
            else
            {
                resultSequence = EvaluateStep(step, inputSequence, env, i == expr.Steps.Count - 1);
            }
            if (!isTupleStream && (resultSequence == null || resultSequence.Count == 0)) break;
            if (step.Focus == null) inputSequence = resultSequence!;
        }
        if (isTupleStream)
        {
            if (expr.Tuple)
            {
                // A '%' further out needs this path's ancestry: hand on the tuples, not just their values.
                resultSequence = tupleBindings!;
            }
            else
            {
                resultSequence = JArray.Sequence();
                foreach (Tuple tuple in tupleBindings!) resultSequence.Add(tuple.Context!);
            }
        }
        if (expr.KeepSingletonArray)
        {
            if (resultSequence == null)
            {
                // nothing to keep
            }
            else
            {
                // Never flag an array of the (shared, immutable) input: copy it instead.
                if (resultSequence.Cons && !resultSequence.IsSequence) resultSequence = JArray.Sequence(resultSequence);
                else if (!resultSequence.IsSequence) resultSequence = new JArray(resultSequence);
                resultSequence.KeepSingleton = true;
            }
        }
        if (expr.Group != null)
            return EvaluateGroup(expr.Group, isTupleStream ? tupleBindings : resultSequence, env);
        return resultSequence;
    }

    private JArray EvaluateStep(Node step, JArray input, Frame env, bool lastStep)
    {
        if (step is SortNode sort)
        {
            var sorted = EvaluateSort(sort, input, env);
            if (step.Stages != null) sorted = EvaluateStages(step.Stages, sorted, env);
            return sorted as JArray ?? (sorted == null ? JArray.Sequence() : JArray.Sequence(sorted));
        }
        var results = new List<object>(input.Count);
        foreach (var item in input)
        {
            var res = Eval(step, item, env);
            if (step.Stages != null)
            {
                foreach (var stage in step.Stages) res = EvaluateFilter(stage.Filter!, res, env);
            }
            if (res != null) results.Add(res);
        }
        if (lastStep && results.Count == 1 && results[0] is JArray { IsSequence: false } only) return only;
        var sequence = JArray.Sequence();
        foreach (var res in results)
        {
            if (res is JArray inner && !inner.Cons) sequence.AddRange(inner);
            else sequence.Add(res);
        }
        return sequence;
    }

    private object? EvaluateStages(List<Stage> stages, object? input, Frame env)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.Filter != null)
            {
                result = EvaluateFilter(stage.Filter, result, env);
            }
            else if (result is JArray tuples)
            {
                for (var i = 0; i < tuples.Count; i++) ((Tuple)tuples[i])[stage.IndexVariable!] = (double)i;
            }
        }
        return result;
    }

    private JArray EvaluateTupleStep(Node step, JArray input, JArray? tupleBindings, Frame env)
    {
        JArray result;
        if (step is SortNode sort)
        {
            if (tupleBindings != null)
            {
                result = AsArray(EvaluateSort(sort, tupleBindings, env));
                result.TupleStream = true;
            }
            else
            {
                var sorted = AsArray(EvaluateSort(sort, input, env));
                result = new JArray { IsSequence = true, TupleStream = true };
                for (var i = 0; i < sorted.Count; i++)
                {
                    var tuple = new Tuple { Context = sorted[i] };
                    if (step.IndexVariable != null) tuple[step.IndexVariable] = (double)i;
                    result.Add(tuple);
                }
            }
            if (step.Stages != null) result = AsArray(EvaluateStages(step.Stages, result, env));
            result.TupleStream = true;
            return result;
        }
        result = new JArray { IsSequence = true, TupleStream = true };
        if (tupleBindings == null)
        {
            tupleBindings = new JArray(input.Count);
            foreach (var item in input) tupleBindings.Add(new Tuple { Context = item });
        }
        foreach (Tuple binding in tupleBindings)
        {
            var stepEnv = FrameFromTuple(env, binding);
            var res = Eval(step, binding.Context, stepEnv);
            if (res == null) continue;
            var items = res as JArray ?? [res];
            for (var b = 0; b < items.Count; b++)
            {
                var tuple = new Tuple(binding);
                if (items.TupleStream)
                {
                    foreach (var (k, v) in (Tuple)items[b]) tuple[k] = v;
                }
                else
                {
                    if (step.Focus != null)
                    {
                        tuple[step.Focus] = items[b];
                        tuple.Context = binding.Context;
                    }
                    else
                    {
                        tuple.Context = items[b];
                    }
                    if (step.IndexVariable != null) tuple[step.IndexVariable] = (double)b;
                    if (step.Ancestor != null) tuple[step.Ancestor.Label] = binding.Context;
                }
                result.Add(tuple);
            }
        }
        if (step.Stages != null) result = AsArray(EvaluateStages(step.Stages, result, env));
        result.TupleStream = true;
        return result;
    }

    private static JArray AsArray(object? value) => value switch
    {
        JArray array => array,
        null => JArray.Sequence(),
        _ => JArray.Sequence(value),
    };

    private static Frame FrameFromTuple(Frame env, Tuple? tuple)
    {
        var frame = new Frame(env);
        if (tuple == null) return frame;
        foreach (var (name, value) in tuple) frame.Bind(name, value);
        return frame;
    }

    private object? EvaluateFilter(Node predicate, object? input, Frame env)
    {
        var isTupleStream = input is JArray { TupleStream: true };
        var results = new JArray { IsSequence = true, TupleStream = isTupleStream };
        var items = input as JArray ?? JArray.Sequence(input!);
        if (predicate is LiteralNode { Value: double number })
        {
            var index = (int)Math.Clamp(Math.Floor(number), int.MinValue, int.MaxValue);
            if (index < 0) index = items.Count + index;
            if (index >= 0 && index < items.Count)
            {
                var item = items[index];
                if (item is JArray arrayItem) return arrayItem;
                if (item != null) results.Add(item);
            }
            return results;
        }
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            object? context = item;
            var frame = env;
            if (isTupleStream)
            {
                var tuple = (Tuple)item;
                context = tuple.Context;
                frame = FrameFromTuple(env, tuple);
            }
            var res = Eval(predicate, context, frame);
            if (Operators.IsNumeric(res)) res = JArray.Sequence(res!);
            if (Operators.IsArrayOfNumbers(res))
            {
                foreach (var n in (JArray)res!)
                {
                    var i = Math.Floor((double)n);
                    if (i < 0) i = items.Count + i;
                    if (i == index) results.Add(item);
                }
            }
            else if (Operators.ToBoolean(res) == true)
            {
                results.Add(item);
            }
        }
        return results;
    }

    public static object? Lookup(object? input, string key)
    {
        if (input is JArray array)
        {
            var result = JArray.Sequence();
            foreach (var item in array)
            {
                var res = Lookup(item, key);
                if (res is JArray inner) result.AddRange(inner);
                else if (res != null) result.Add(res);
            }
            return result;
        }
        return input is JObject obj && obj.TryGetValue(key, out var value) ? value : null;
    }

    private static object? EvaluateWildcard(object? input)
    {
        var results = JArray.Sequence();
        if (input is JArray { OuterWrapper: true, Count: > 0 } wrapper) input = wrapper[0];
        if (input is JObject obj)
        {
            foreach (var value in obj.Values) results = Collect(results, value);
        }
        else if (input is JArray array)
        {
            foreach (var value in array) results = Collect(results, value);
        }
        return results;

        static JArray Collect(JArray results, object value)
        {
            if (value is JArray inner)
            {
                var flat = new JArray(results);
                Flatten(inner, flat);
                return flat;
            }
            results.Add(value);
            return results;
        }
    }

    private static void Flatten(object value, JArray into)
    {
        if (value is JArray array)
        {
            foreach (var item in array) Flatten(item, into);
        }
        else
        {
            into.Add(value);
        }
    }

    private static object? EvaluateDescendants(object? input)
    {
        if (input == null) return null;
        var results = JArray.Sequence();
        Recurse(input, results);
        return results.Count == 1 ? results[0] : results;

        static void Recurse(object value, JArray results)
        {
            if (value is JArray array)
            {
                foreach (var item in array) Recurse(item, results);
                return;
            }
            results.Add(value);
            if (value is JObject obj)
            {
                foreach (var item in obj.Values) Recurse(item, results);
            }
        }
    }

    // ---- operators ----

    private object? EvaluateBinary(BinaryNode expr, object? input, Frame env)
    {
        var lhs = Eval(expr.Lhs, input, env);
        try
        {
            switch (expr.Op)
            {
                case "and":
                    return Operators.Boolize(lhs) && Operators.Boolize(Eval(expr.Rhs, input, env));
                case "or":
                    return Operators.Boolize(lhs) || Operators.Boolize(Eval(expr.Rhs, input, env));
            }
            var rhs = Eval(expr.Rhs, input, env);
            return expr.Op switch
            {
                "+" or "-" or "*" or "/" or "%" => Operators.Arithmetic(lhs, rhs, expr.Op),
                "=" => lhs != null && rhs != null && Operators.DeepEquals(lhs, rhs),
                "!=" => lhs != null && rhs != null && !Operators.DeepEquals(lhs, rhs),
                "<" or "<=" or ">" or ">=" => Operators.Compare(lhs, rhs, expr.Op),
                "&" => (lhs == null ? "" : Operators.ToJsonataString(lhs)) + (rhs == null ? "" : Operators.ToJsonataString(rhs)),
                ".." => BoundedRange(lhs, rhs),
                "in" => Operators.In(lhs, rhs),
                _ => throw new JsonataException("S0201", expr.Position, $"Unknown operator {expr.Op}"),
            };
        }
        catch (FunctionException e)
        {
            throw new JsonataException(e.Code, expr.Position, e.Message, expr.Op);
        }
        catch (JsonataException e) when (expr.Op is "and" or "or" && TokenNamingCodes.Contains(e.Code))
        {
            throw Renamed(e, expr.Op, expr.Position);
        }
    }

    private object? BoundedRange(object? lhs, object? rhs)
    {
        var range = Operators.Range(lhs, rhs);
        return range is JArray { Count: var n } && n > environment.MaxSequenceLength ? throw JsonataLimitException.MemoryLimit() : range;
    }

    /// <summary>The errors whose message names their token (a function or an operator).</summary>
    private static readonly HashSet<string> TokenNamingCodes = ["T0410", "T0411", "T0412", "T2001", "T2002", "T2009", "T2010"];

    /// <summary>The reference overwrites the token of every error raised on the right of <c>and</c>/<c>or</c> with the
    /// operator, so its message names "and" where the failing function or operator stood.</summary>
    private static JsonataException Renamed(JsonataException e, string token, int position)
    {
        var old = Operators.Describe(e.Token);
        // T2009 names its values first, the operator last; the others name the token before anything else.
        var at = e.Code == "T2009" ? e.Message.LastIndexOf(old, StringComparison.Ordinal) : e.Message.IndexOf(old, StringComparison.Ordinal);
        var message = at < 0 ? e.Message : e.Message[..at] + Operators.Describe(token) + e.Message[(at + old.Length)..];
        return new JsonataException(e.Code, position, message, token);
    }

    private object? EvaluateNegate(NegateNode expr, object? input, Frame env)
    {
        var value = Eval(expr.Operand, input, env);
        if (value == null) return null;
        if (Operators.IsNumeric(value)) return -(double)value;
        throw new JsonataException("D1002", expr.Position, $"Cannot negate a non-numeric value: {Operators.Describe(value)}", "-");
    }

    private JArray EvaluateArray(ArrayNode expr, object? input, Frame env)
    {
        var result = new JArray(expr.Items.Count);
        foreach (var item in expr.Items)
        {
            var value = Eval(item, input, env);
            if (value == null) continue;
            if (item is ArrayNode || value is not JArray inner) result.Add(value);
            else result.AddRange(inner);
        }
        if (expr.ConsArray) result.Cons = true;
        return result;
    }

    private JObject EvaluateGroup(ObjectNode expr, object? input, Frame env)
    {
        var reduce = input is JArray { TupleStream: true };
        var items = input as JArray ?? JArray.Sequence(input!);
        if (items.Count == 0) items = [null!];
        var groups = new OrderedDictionary<string, (object? Data, int Pair)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (reduce && item == null)
                throw new JsonataException("T1003", expr.Position, "A grouping expression over positional or context bindings matched nothing to group");
            var frame = reduce ? FrameFromTuple(env, (Tuple?)item) : env;
            for (var p = 0; p < expr.Pairs.Count; p++)
            {
                var key = Eval(expr.Pairs[p].Key, reduce ? ((Tuple?)item)?.Context : item, frame);
                if (key == null) continue;
                if (key is not string name)
                    throw new JsonataException("T1003", expr.Position, $"Key in object structure must evaluate to a string; got: {Operators.Describe(key)}");
                if (groups.TryGetValue(name, out var entry))
                {
                    if (entry.Pair != p)
                        throw new JsonataException("D1009", expr.Position, $"Multiple key definitions evaluate to same key: \"{name}\"", name);
                    groups[name] = (Operators.Append(entry.Data, item), p);
                }
                else
                {
                    groups[name] = (item, p);
                }
            }
        }
        var result = new JObject();
        foreach (var (key, (data, pair)) in groups)
        {
            var context = data;
            var frame = env;
            if (reduce)
            {
                var tuple = ReduceTupleStream(data);
                context = tuple.Context;
                tuple.Remove("@");
                frame = FrameFromTuple(env, tuple);
            }
            var value = Eval(expr.Pairs[pair].Value, context, frame);
            if (value != null) result[key] = value;
        }
        return result;
    }

    private static Tuple ReduceTupleStream(object? stream)
    {
        if (stream is not JArray { TupleStream: false } tuples || tuples.Count == 0) return new Tuple((Tuple)stream!);
        var result = new Tuple((Tuple)tuples[0]);
        for (var i = 1; i < tuples.Count; i++)
        {
            foreach (var (k, v) in (Tuple)tuples[i]) result[k] = Operators.Append(result.GetValueOrDefault(k), v);
        }
        return result;
    }

    private object? EvaluateCondition(ConditionNode expr, object? input, Frame env)
    {
        var condition = Eval(expr.Condition, input, env);
        if (Operators.ToBoolean(condition) == true) return Eval(expr.Then, input, env);
        return expr.Else == null ? null : Eval(expr.Else, input, env);
    }

    private object? EvaluateBlock(BlockNode expr, object? input, Frame env)
    {
        var frame = new Frame(env);
        object? result = null;
        foreach (var e in expr.Expressions) result = Eval(e, input, frame);
        return result;
    }

    private object? EvaluateBind(BindNode expr, object? input, Frame env)
    {
        var value = Eval(expr.Value, input, env);
        env.Bind(expr.Variable, value);
        return value;
    }

    private object? EvaluateVariable(VariableNode expr, object? input, Frame env)
    {
        if (expr.Name.Length == 0) return input is JArray { OuterWrapper: true } wrapper ? wrapper[0] : input;
        return LookupVariable(expr.Name, env);
    }

    /// <summary>A variable: the frames first, then host functions, then the standard library.</summary>
    public object? LookupVariable(string name, Frame env)
    {
        if (env.TryLookup(name, out var value)) return value;
        if (environment.HostFunctions.TryGetValue(name, out var host)) return new HostFunction(name, host);
        if (environment.Removed.Contains(name)) return null;
        return environment.StandardFunction(name);
    }

    private object? EvaluateSort(SortNode expr, object? input, Frame env)
    {
        if (input is not JArray items) return input;
        if (items.Count <= 1) return items;
        var isTupleSort = items.TupleStream;
        var sorted = MergeSort.Sort(items, (a, b) =>
        {
            var comp = 0;
            for (var t = 0; comp == 0 && t < expr.Terms.Count; t++)
            {
                var term = expr.Terms[t];
                var aa = isTupleSort ? Eval(term.Expression, ((Tuple)a).Context, FrameFromTuple(env, (Tuple)a)) : Eval(term.Expression, a, env);
                var bb = isTupleSort ? Eval(term.Expression, ((Tuple)b).Context, FrameFromTuple(env, (Tuple)b)) : Eval(term.Expression, b, env);
                if (aa == null)
                {
                    comp = bb == null ? 0 : 1;
                    continue;
                }
                if (bb == null)
                {
                    comp = -1;
                    continue;
                }
                if (aa is not (string or double) || bb is not (string or double))
                    throw new JsonataException("T2008", expr.Position, "The expressions within an order-by clause must evaluate to numeric or string values");
                if (aa.GetType() != bb.GetType())
                    throw new JsonataException("T2007", expr.Position, "Type mismatch within order-by clause. All values must be of the same type");
                comp = aa is string sa ? Math.Sign(string.CompareOrdinal(sa, (string)bb)) : ((double)aa).CompareTo((double)bb);
                if (comp == 0) continue;
                if (term.Descending) comp = -comp;
            }
            return comp == 1;
        });
        sorted.TupleStream = isTupleSort;
        return sorted;
    }
}
