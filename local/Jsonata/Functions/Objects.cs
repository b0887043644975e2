using Jsonata.Evaluation;

namespace Jsonata.Functions;

internal static class Objects
{
    public static object? Keys(Evaluator ev, object?[] a, object? input) => KeysOf(a[0]);

    private static JArray KeysOf(object? value)
    {
        var result = JArray.Sequence();
        if (value is JArray array)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in array)
            {
                foreach (string key in KeysOf(item))
                {
                    if (seen.Add(key)) result.Add(key);
                }
            }
        }
        else if (value is JObject obj)
        {
            foreach (var key in obj.Keys) result.Add(key);
        }
        return result;
    }

    public static object? Spread(Evaluator ev, object?[] a, object? input) => SpreadOf(a[0]);

    private static object? SpreadOf(object? value)
    {
        if (value is JArray array)
        {
            object? result = JArray.Sequence();
            foreach (var item in array) result = Operators.Append(result, SpreadOf(item));
            return result;
        }
        if (value is JObject obj)
        {
            var result = JArray.Sequence();
            foreach (var (key, item) in obj) result.Add(new JObject { [key] = item });
            return result;
        }
        return value;
    }

    public static object? Merge(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        var result = new JObject();
        foreach (var item in array)
        {
            if (item is not JObject obj) continue;
            foreach (var (key, value) in obj) result[key] = value;
        }
        return result;
    }
}
