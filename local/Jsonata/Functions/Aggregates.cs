using Jsonata.Evaluation;

namespace Jsonata.Functions;

internal static class Aggregates
{
    public static object? Sum(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray array) return null;
        var total = 0.0;
        foreach (double n in array) total += n;
        return total;
    }

    public static object? Count(Evaluator ev, object?[] a, object? input) => a[0] is JArray array ? (double)array.Count : 0.0;

    public static object? Max(Evaluator ev, object?[] a, object? input) =>
        a[0] is JArray { Count: > 0 } array ? array.Cast<double>().Aggregate(double.NegativeInfinity, JsMax) : null;

    public static object? Min(Evaluator ev, object?[] a, object? input) =>
        a[0] is JArray { Count: > 0 } array ? array.Cast<double>().Aggregate(double.PositiveInfinity, JsMin) : null;

    private static double JsMax(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y);

    private static double JsMin(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Min(x, y);

    public static object? Average(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray { Count: > 0 } array) return null;
        var total = 0.0;
        foreach (double n in array) total += n;
        return total / array.Count;
    }
}
