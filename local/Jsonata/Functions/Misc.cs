using Jsonata.Evaluation;
using Jsonata.Parsing;

namespace Jsonata.Functions;

internal static class Misc
{
    public static object? Error(Evaluator ev, object?[] a, object? input) =>
        throw new FunctionException("D3137", Library.Arg(a, 0) is string { Length: > 0 } m ? m : "$error() function evaluated");

    public static object? Assert(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not true)
            throw new FunctionException("D3141", Library.Arg(a, 1) is string { Length: > 0 } m ? m : "$assert() statement failed");
        return null;
    }

    public static object? Type(Evaluator ev, object?[] a, object? input) => a[0] switch
    {
        null => null,
        JsonNull => "null",
        double d when !double.IsNaN(d) && Operators.IsNumeric(d) => "number",
        string => "string",
        bool => "boolean",
        JArray => "array",
        JFunction => "function",
        _ => "object",
    };

    public static object? Eval(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string source) return null;
        var focus = input;
        if (Library.Arg(a, 1) is { } f)
        {
            focus = f is JArray { IsSequence: false } array ? Evaluator.Wrap(array) : f;
        }
        Node ast;
        try
        {
            ast = Parser.Parse(source);
        }
        catch (JsonataException e)
        {
            throw new FunctionException("D3120", "Syntax error in expression passed to function eval: " + Operators.Describe(e.Message));
        }
        try
        {
            return ev.Eval(ast, focus, ev.CallFrame);
        }
        catch (JsonataException e) when (e is not JsonataLimitException)
        {
            throw new FunctionException("D3121", "Dynamic error evaluating the expression passed to function eval: " + Operators.Describe(e.Message));
        }
    }
}
