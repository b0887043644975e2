using Jsonata.Evaluation;

namespace Jsonata.Functions;

internal static class IntegerFormatting
{
    public static object? FormatInteger(Evaluator ev, object?[] a, object? input) => throw new NotImplementedException();

    public static object? ParseInteger(Evaluator ev, object?[] a, object? input) => throw new NotImplementedException();
}
