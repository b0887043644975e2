using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Jsonata.Evaluation;

namespace Jsonata.Functions;

/// <summary>String functions. Lengths and offsets count Unicode code points, as the reference does.</summary>
internal static partial class Strings
{
    public static object? String(Evaluator ev, object?[] a, object? input)
    {
        var value = a[0];
        if (value == null) return null;
        return Operators.ToJsonataString(value, Library.Arg(a, 1) is true);
    }

    public static string[] CodePoints(string s)
    {
        var result = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                result.Add(s[i].ToString());
            }
        }
        return [.. result];
    }

    /// <summary>JavaScript's Array.prototype.slice(start, end) bounds.</summary>
    public static (int Start, int End) Slice(int length, double start, double? end)
    {
        static int Clamp(double value, int length)
        {
            var v = double.IsNaN(value) ? 0 : Math.Truncate(value);
            if (v < 0) return (int)Math.Max(length + v, 0);
            return (int)Math.Min(v, length);
        }
        var s = Clamp(start, length);
        var e = end == null ? length : Clamp(end.Value, length);
        return (s, Math.Max(s, e));
    }

    public static object? Substring(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var chars = CodePoints(str);
        var start = (double)a[1]!;
        var length = Library.Arg(a, 2) as double?;
        if (chars.Length + start < 0) start = 0;
        if (length != null)
        {
            if (length <= 0) return "";
            var end = start >= 0 ? start + length.Value : chars.Length + start + length.Value;
            var (s, e) = Slice(chars.Length, start, end);
            return string.Concat(chars[s..e]);
        }
        var (from, to) = Slice(chars.Length, start, null);
        return string.Concat(chars[from..to]);
    }

    public static object? SubstringBefore(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var chars = (string)a[1]!;
        var pos = str.IndexOf(chars, StringComparison.Ordinal);
        return pos > -1 ? str[..pos] : str;
    }

    public static object? SubstringAfter(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var chars = (string)a[1]!;
        var pos = str.IndexOf(chars, StringComparison.Ordinal);
        return pos > -1 ? str[(pos + chars.Length)..] : str;
    }

    public static object? Lowercase(Evaluator ev, object?[] a, object? input) => (a[0] as string)?.ToLowerInvariant();

    public static object? Uppercase(Evaluator ev, object?[] a, object? input) => a[0] is string s ? ToUpper(s) : null;

    /// <summary>Upper case with JavaScript's full mappings for the characters that expand (ß → SS, ligatures).</summary>
    private static string ToUpper(string s)
    {
        var upper = s.ToUpperInvariant();
        if (!upper.Any(c => c is 'ß' or 'ŉ' || (c >= '\uFB00' && c <= '\uFB06'))) return upper;
        var sb = new StringBuilder(upper.Length + 4);
        foreach (var c in upper)
        {
            sb.Append(c switch
            {
                'ß' => "SS", 'ŉ' => "\u02BCN", '\uFB00' => "FF", '\uFB01' => "FI", '\uFB02' => "FL", '\uFB03' => "FFI",
                '\uFB04' => "FFL", '\uFB05' or '\uFB06' => "ST", _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    public static object? Length(Evaluator ev, object?[] a, object? input) =>
        a[0] is string s ? (double)CodePoints(s).Length : null;

    public static object? Trim(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var result = Whitespace().Replace(str, " ");
        if (result.StartsWith(' ')) result = result[1..];
        if (result.EndsWith(' ')) result = result[..^1];
        return result;
    }

    [GeneratedRegex("[ \t\n\r]+")]
    private static partial Regex Whitespace();

    public static object? Pad(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var width = (double)a[1]!;
        var ch = Library.Arg(a, 2) as string;
        if (string.IsNullOrEmpty(ch)) ch = " ";
        var padLength = Math.Abs(width) - CodePoints(str).Length;
        if (padLength <= 0) return str;
        var count = (int)Math.Ceiling(padLength);
        var padding = new StringBuilder();
        for (var i = 0; i < count; i++) padding.Append(ch);
        var pad = padding.ToString();
        if (ch.Length > 1)
        {
            var points = CodePoints(pad);
            pad = string.Concat(points[..Math.Min(points.Length, count)]);
        }
        return width > 0 ? str + pad : pad + str;
    }

    public static object? Join(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not JArray strs) return null;
        var separator = Library.Arg(a, 1) as string ?? "";
        return string.Join(separator, strs.Cast<string>());
    }

    public static object? Base64Encode(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var bytes = new byte[str.Length];
        for (var i = 0; i < str.Length; i++) bytes[i] = (byte)str[i];
        return Convert.ToBase64String(bytes);
    }

    public static object? Base64Decode(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        // Node's decoder is lenient: it skips characters outside the alphabet and stops at padding.
        var clean = new StringBuilder();
        foreach (var c in str)
        {
            if (c == '=') break;
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/') clean.Append(c);
            else if (c is '-') clean.Append('+');
            else if (c is '_') clean.Append('/');
        }
        if (clean.Length % 4 == 1) clean.Length--;
        while (clean.Length % 4 != 0) clean.Append('=');
        var bytes = Convert.FromBase64String(clean.ToString());
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes) sb.Append((char)b);
        return sb.ToString();
    }

    private const string UriUnreservedMarks = "-_.!~*'()";
    private const string UriReserved = ";/?:@&=+$,#";

    private static string Encode(string str, string keep, string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < str.Length; i++)
        {
            var c = str[i];
            if (char.IsAsciiLetterOrDigit(c) || UriUnreservedMarks.Contains(c) || keep.Contains(c))
            {
                sb.Append(c);
                continue;
            }
            string unit;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= str.Length || !char.IsLowSurrogate(str[i + 1])) throw UriError(name, str);
                unit = str.Substring(i++, 2);
            }
            else if (char.IsLowSurrogate(c))
            {
                throw UriError(name, str);
            }
            else
            {
                unit = c.ToString();
            }
            foreach (var b in Encoding.UTF8.GetBytes(unit)) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Decode(string str, string reservedKept, string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < str.Length; i++)
        {
            if (str[i] != '%')
            {
                sb.Append(str[i]);
                continue;
            }
            var first = HexByte(str, i, name);
            if (first < 0x80)
            {
                var c = (char)first;
                if (reservedKept.Contains(c)) sb.Append(str, i, 3);
                else sb.Append(c);
                i += 2;
                continue;
            }
            var count = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0;
            if (count == 0 || first >= 0xF8) throw UriError(name, str);
            var bytes = new byte[count];
            bytes[0] = (byte)first;
            i += 3;
            for (var k = 1; k < count; k++)
            {
                if (i >= str.Length || str[i] != '%') throw UriError(name, str);
                var b = HexByte(str, i, name);
                if ((b & 0xC0) != 0x80) throw UriError(name, str);
                bytes[k] = (byte)b;
                i += 3;
            }
            i--;
            try
            {
                sb.Append(new UTF8Encoding(false, true).GetString(bytes));
            }
            catch (DecoderFallbackException)
            {
                throw UriError(name, str);
            }
        }
        return sb.ToString();
    }

    private static int HexByte(string str, int i, string name)
    {
        if (i + 2 >= str.Length || !int.TryParse(str.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            throw UriError(name, str);
        return value;
    }

    private static FunctionException UriError(string name, string value) => new("D3140", $"Malformed URL passed to ${name}(): {Operators.Describe(value)}");

    public static object? EncodeUrlComponent(Evaluator ev, object?[] a, object? input) =>
        a[0] is string s ? Encode(s, "", "encodeUrlComponent") : null;

    public static object? EncodeUrl(Evaluator ev, object?[] a, object? input) =>
        a[0] is string s ? Encode(s, UriReserved, "encodeUrl") : null;

    public static object? DecodeUrlComponent(Evaluator ev, object?[] a, object? input) =>
        a[0] is string s ? Decode(s, "", "decodeUrlComponent") : null;

    public static object? DecodeUrl(Evaluator ev, object?[] a, object? input) =>
        a[0] is string s ? Decode(s, UriReserved, "decodeUrl") : null;
}
