using Jsonata.Evaluation;

namespace Jsonata.Functions;

internal static class Arrays
{
    public static object? Reverse(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        if (array.Count <= 1) return array;
        var result = new JArray(array);
        result.Reverse();
        return result;
    }

    public static object? Shuffle(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        if (array.Count <= 1) return array;
        var result = new JArray(array);
        for (var i = result.Count - 1; i > 0; i--)
        {
            var j = Random.Shared.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    public static object? Distinct(Evaluator ev, object?[] a, object? input)
    {
        var value = a[0];
        if (value is not JArray { Count: > 1 } array) return value;
        var result = new JArray { IsSequence = array.IsSequence };
        foreach (var item in array)
        {
            if (!result.Any(r => Operators.DeepEquals(item, r))) result.Add(item);
        }
        return result;
    }

    public static object? Zip(Evaluator ev, object?[] a, object? input)
    {
        var result = new JArray();
        if (a.Length == 0) return result;
        var length = a.Min(arg => arg is JArray array ? array.Count : 0);
        for (var i = 0; i < length; i++)
        {
            var tuple = new JArray();
            foreach (var arg in a) tuple.Add(((JArray)arg!)[i]);
            result.Add(tuple);
        }
        return result;
    }
}
