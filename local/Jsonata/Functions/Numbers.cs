using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Jsonata.Evaluation;

namespace Jsonata.Functions;

internal static partial class Numbers
{
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$")]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@"^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$")]
    private static partial Regex PrefixedNumber();

    public static object? Number(Evaluator ev, object?[] a, object? input)
    {
        var arg = a[0];
        switch (arg)
        {
            case null: return null;
            case double: return arg;
            case bool b: return b ? 1.0 : 0.0;
            case string s when DecimalNumber().IsMatch(s):
                {
                    var d = double.Parse(s, CultureInfo.InvariantCulture);
                    if (double.IsFinite(d)) return d;
                    break;
                }
        }
        if (arg is string text && PrefixedNumber().IsMatch(text)) return JsNumberFromPrefixed(text.Trim());
        throw new FunctionException("D3030", $"Unable to cast value to a number: {Operators.Describe(arg)}");
    }

    private static double JsNumberFromPrefixed(string text)
    {
        if (text.Length < 3) return double.NaN;
        var radix = char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 0 };
        var result = 0.0;
        foreach (var c in text[2..])
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix) return double.NaN;
            result = result * radix + digit;
        }
        return result;
    }

    public static object? Floor(Evaluator ev, object?[] a, object? input) => a[0] is double d ? Math.Floor(d) : null;

    public static object? Ceil(Evaluator ev, object?[] a, object? input) => a[0] is double d ? Math.Ceiling(d) : null;

    public static object? Abs(Evaluator ev, object?[] a, object? input) => a[0] is double d ? Math.Abs(d) : null;

    public static object? Sqrt(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not double d) return null;
        if (d < 0) throw new FunctionException("D3060", $"The sqrt function cannot be applied to a negative number: {JsNumber.Format(d)}");
        return Math.Sqrt(d);
    }

    public static object? Power(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not double d) return null;
        var result = Math.Pow(d, (double)a[1]!);
        if (!double.IsFinite(result))
            throw new FunctionException("D3061", $"The power function has resulted in a value that cannot be represented as a JSON number: base={JsNumber.Format(d)}, exponent={JsNumber.Format((double)a[1]!)}");
        return result;
    }

    public static object? Random(Evaluator ev, object?[] a, object? input) => System.Random.Shared.NextDouble();

    public static object? Round(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not double arg) return null;
        return RoundHalfEven(arg, Library.Arg(a, 1) as double? ?? 0);
    }

    /// <summary>The reference's rounding: half to even, shifting by decimal exponent text to avoid binary error.</summary>
    public static double RoundHalfEven(double arg, double precision)
    {
        if (precision != 0) arg = Shift(arg, precision);
        var result = Math.Floor(arg);
        if (arg - result >= 0.5) result += 1;
        var diff = result - arg;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1) result -= 1;
        if (precision != 0) result = Shift(result, -precision);
        return result == 0 ? 0 : result;
    }

    private static double Shift(double value, double by)
    {
        var text = JsNumber.Format(value);
        var parts = text.Split('e');
        var exponent = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) + by : by;
        var shifted = parts[0] + "e" + JsNumber.Format(exponent);
        return double.TryParse(shifted, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    public static object? FormatBase(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not double value) return null;
        value = RoundHalfEven(value, 0);
        var radix = Library.Arg(a, 1) is double r ? RoundHalfEven(r, 0) : 10;
        if (radix < 2 || radix > 36) throw new FunctionException("D3100", $"The radix of the formatBase function must be between 2 and 36.  It was given {JsNumber.Format(radix)}");
        return ToRadix(value, (int)radix);
    }

    public static string ToRadix(double value, int radix)
    {
        if (radix == 10) return JsNumber.Format(value);
        if (!double.IsFinite(value)) return JsNumber.Format(value);
        var negative = value < 0;
        var n = new BigInteger(Math.Abs(value));
        if (n.IsZero) return "0";
        var digits = new List<char>();
        while (n > 0)
        {
            var d = (int)(n % radix);
            digits.Add((char)(d < 10 ? '0' + d : 'a' + d - 10));
            n /= radix;
        }
        if (negative) digits.Add('-');
        digits.Reverse();
        return new string([.. digits]);
    }
}
