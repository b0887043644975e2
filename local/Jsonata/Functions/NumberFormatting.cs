using Jsonata.Evaluation;

namespace Jsonata.Functions;

internal static class NumberFormatting
{
    public static object? FormatNumber(Evaluator ev, object?[] a, object? input) => throw new NotImplementedException();
}
