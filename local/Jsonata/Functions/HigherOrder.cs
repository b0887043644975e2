using Jsonata.Evaluation;

namespace Jsonata.Functions;

/// <summary>$map, $filter, $single, $reduce, $sift, $each, $sort: functions that call functions.</summary>
internal static class HigherOrder
{
    public static object? Map(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        var function = (JFunction)a[1]!;
        var result = JArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            var value = ev.CallWith(function, array[i], (double)i, array);
            if (value != null) result.Add(value);
        }
        return result;
    }

    public static object? Filter(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        var function = (JFunction)a[1]!;
        var result = JArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            if (Operators.ToBoolean(ev.CallWith(function, array[i], (double)i, array)) == true) result.Add(array[i]);
        }
        return result;
    }

    public static object? Single(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        var function = Library.Arg(a, 1) as JFunction;
        object? result = null;
        var found = false;
        for (var i = 0; i < array.Count; i++)
        {
            var positive = function == null || Operators.ToBoolean(ev.CallWith(function, array[i], (double)i, array)) == true;
            if (!positive) continue;
            if (found) throw new FunctionException("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.");
            result = array[i];
            found = true;
        }
        if (!found) throw new FunctionException("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.");
        return result;
    }

    public static object? Reduce(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray sequence) return null;
        var function = (JFunction)a[1]!;
        var arity = function.Arity;
        if (arity < 2) throw new FunctionException("D3050", "The second argument of reduce function must be a function with at least two arguments");
        var init = Library.Arg(a, 2);
        object? result;
        int index;
        if (init == null && sequence.Count > 0)
        {
            result = sequence[0];
            index = 1;
        }
        else
        {
            result = init;
            index = 0;
        }
        for (; index < sequence.Count; index++)
        {
            object?[] args = arity >= 4 ? [result, sequence[index], (double)index, sequence]
                : arity == 3 ? [result, sequence[index], (double)index]
                : [result, sequence[index]];
            result = ev.Apply(function, args, JsonNull.Value, 0);
        }
        return result;
    }

    public static object? Sift(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JObject obj) return null;
        var function = (JFunction)a[1]!;
        var result = new JObject();
        foreach (var (key, value) in obj)
        {
            if (Operators.ToBoolean(ev.CallWith(function, value, key, obj)) == true) result[key] = value;
        }
        return result.Count == 0 ? null : result;
    }

    public static object? Each(Evaluator ev, object?[] a, object? input)
    {
        var result = JArray.Sequence();
        if (a[0] is not JObject obj) return result;
        var function = (JFunction)a[1]!;
        foreach (var (key, value) in obj)
        {
            var res = ev.CallWith(function, value, key, obj);
            if (res != null) result.Add(res);
        }
        return result;
    }

    public static object? Sort(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        if (array.Count <= 1) return array;
        var comparator = Library.Arg(a, 1) as JFunction;
        if (comparator == null)
        {
            var numbers = Operators.IsArrayOfNumbers(array);
            if (!numbers && !Operators.IsArrayOfStrings(array))
                throw new FunctionException("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function");
            return MergeSort.Sort(array, numbers
                ? (x, y) => (double)x > (double)y
                : (x, y) => string.CompareOrdinal((string)x, (string)y) > 0);
        }
        return MergeSort.Sort(array, (x, y) => IsTruthy(ev.Apply(comparator, [x, y], JsonNull.Value, 0)));
    }

    /// <summary>JavaScript truthiness (the reference tests a comparator's result with a plain <c>if</c>).</summary>
    private static bool IsTruthy(object? value) => value switch
    {
        null or JsonNull => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };
}
