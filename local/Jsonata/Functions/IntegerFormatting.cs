using System.Globalization;
using System.Text;
using Jsonata.Evaluation;

namespace Jsonata.Functions;

/// <summary>$formatInteger and $parseInteger: XPath F&amp;O integer pictures (decimal digit families, grouping,
/// letters a/A, roman i/I, words w/W/Ww, ordinal ;o).</summary>
internal static class IntegerFormatting
{
    public enum Primary { Decimal, Letters, Roman, Words, Sequence }

    public enum Case { Lower, Upper, Title }

    public sealed class Format
    {
        public Primary Primary = Primary.Decimal;
        public Case Case = Case.Lower;
        public bool Ordinal;
        public int ZeroCode = 0x30;
        public int MandatoryDigits;
        public int OptionalDigits;
        public bool Regular;
        public List<(int Position, string Character)> GroupingSeparators = [];
        public string Token = "";
    }

    private static readonly int[] DecimalGroups =
    [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
        0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
        0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ];

    public static object? FormatInteger(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not double value) return null;
        return FormatValue(Math.Floor(value), Analyse((string)a[1]!));
    }

    public static Format Analyse(string picture)
    {
        var format = new Format();
        string primary;
        var semicolon = picture.LastIndexOf(';');
        if (semicolon == -1)
        {
            primary = picture;
        }
        else
        {
            primary = picture[..semicolon];
            var modifier = picture[(semicolon + 1)..];
            if (modifier.StartsWith('o')) format.Ordinal = true;
        }
        switch (primary)
        {
            case "A": format.Case = Case.Upper; format.Primary = Primary.Letters; break;
            case "a": format.Primary = Primary.Letters; break;
            case "I": format.Case = Case.Upper; format.Primary = Primary.Roman; break;
            case "i": format.Primary = Primary.Roman; break;
            case "W": format.Case = Case.Upper; format.Primary = Primary.Words; break;
            case "Ww": format.Case = Case.Title; format.Primary = Primary.Words; break;
            case "w": format.Primary = Primary.Words; break;
            default:
                {
                    int? zeroCode = null;
                    var separatorPosition = 0;
                    var separators = new List<(int, string)>();
                    var codePoints = new List<int>();
                    for (var i = 0; i < primary.Length; i += char.IsSurrogatePair(primary, i) ? 2 : 1) codePoints.Add(char.ConvertToUtf32(primary, i));
                    codePoints.Reverse();
                    foreach (var cp in codePoints)
                    {
                        var digit = false;
                        foreach (var group in DecimalGroups)
                        {
                            if (cp >= group && cp <= group + 9)
                            {
                                digit = true;
                                format.MandatoryDigits++;
                                separatorPosition++;
                                if (zeroCode == null) zeroCode = group;
                                else if (group != zeroCode) throw new FunctionException("D3131", "In a decimal digit pattern, all digits must be from the same decimal group");
                                break;
                            }
                        }
                        if (digit) continue;
                        if (cp == '#')
                        {
                            separatorPosition++;
                            format.OptionalDigits++;
                        }
                        else
                        {
                            separators.Add((separatorPosition, char.ConvertFromUtf32(cp)));
                        }
                    }
                    if (format.MandatoryDigits > 0)
                    {
                        format.Primary = Primary.Decimal;
                        format.ZeroCode = zeroCode!.Value;
                        var regular = RegularRepeat(separators);
                        if (regular > 0)
                        {
                            format.Regular = true;
                            format.GroupingSeparators = [(regular, separators[0].Item2)];
                        }
                        else
                        {
                            format.GroupingSeparators = separators;
                        }
                    }
                    else
                    {
                        format.Primary = Primary.Sequence;
                        format.Token = primary;
                    }
                    break;
                }
        }
        return format;
    }

    private static int RegularRepeat(List<(int Position, string Character)> separators)
    {
        if (separators.Count == 0) return 0;
        if (separators.Any(s => s.Character != separators[0].Character)) return 0;
        var indexes = separators.Select(s => s.Position).ToList();
        static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
        var factor = indexes.Aggregate(Gcd);
        for (var index = 1; index <= indexes.Count; index++)
        {
            if (!indexes.Contains(index * factor)) return 0;
        }
        return factor;
    }

    public static string FormatValue(double value, Format format)
    {
        var negative = value < 0;
        value = Math.Abs(value);
        string result;
        switch (format.Primary)
        {
            case Primary.Letters:
                result = ToLetters(value, format.Case == Case.Upper ? 'A' : 'a');
                break;
            case Primary.Roman:
                result = ToRoman(value);
                if (format.Case == Case.Upper) result = result.ToUpperInvariant();
                break;
            case Primary.Words:
                result = NumberWords.ToWords(value, format.Ordinal);
                if (format.Case == Case.Upper) result = result.ToUpperInvariant();
                else if (format.Case == Case.Lower) result = result.ToLowerInvariant();
                break;
            case Primary.Decimal:
                {
                    result = JsNumber.Format(value);
                    if (format.MandatoryDigits - result.Length > 0) result = new string('0', format.MandatoryDigits - result.Length) + result;
                    if (format.ZeroCode != 0x30)
                    {
                        var sb = new StringBuilder();
                        foreach (var c in result) sb.Append(char.ConvertFromUtf32(c + format.ZeroCode - 0x30));
                        result = sb.ToString();
                    }
                    if (format.Regular)
                    {
                        var (position, character) = format.GroupingSeparators[0];
                        var n = (result.Length - 1) / position;
                        for (var i = n; i > 0; i--)
                        {
                            var pos = result.Length - i * position;
                            result = result[..pos] + character + result[pos..];
                        }
                    }
                    else
                    {
                        foreach (var (position, character) in Enumerable.Reverse(format.GroupingSeparators))
                        {
                            var pos = Math.Clamp(result.Length - position, 0, result.Length);
                            result = result[..pos] + character + result[pos..];
                        }
                    }
                    if (format.Ordinal)
                    {
                        var last = result[^1];
                        var suffix = last switch { '1' => "st", '2' => "nd", '3' => "rd", _ => "th" };
                        if (result.Length > 1 && result[^2] == '1') suffix = "th";
                        result += suffix;
                    }
                    break;
                }
            default:
                throw new FunctionException("D3130", $"Formatting or parsing an integer as a sequence starting with {Operators.Describe(format.Token)} is not supported by this implementation");
        }
        return negative ? "-" + result : result;
    }

    /// <summary>JavaScript's parseInt(text) in base 10: leading whitespace, a sign, then as many digits as there are.</summary>
    public static double JsParseInt(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i == start) return double.NaN;
        var value = double.Parse(text.AsSpan(start, i - start), CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    private static readonly (int Value, string Numeral)[] RomanNumerals =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
        (5, "v"), (4, "iv"), (1, "i"),
    ];

    private static string ToRoman(double value)
    {
        var sb = new StringBuilder();
        var v = value;
        while (true)
        {
            var found = false;
            foreach (var (n, numeral) in RomanNumerals)
            {
                if (v >= n)
                {
                    sb.Append(numeral);
                    v -= n;
                    found = true;
                    break;
                }
            }
            if (!found) break;
        }
        return sb.ToString();
    }

    private static string ToLetters(double value, char a)
    {
        var letters = new List<char>();
        var v = value;
        while (v > 0)
        {
            letters.Insert(0, (char)((v - 1) % 26 + a));
            v = Math.Floor((v - 1) / 26);
        }
        return new string([.. letters]);
    }

    public static object? ParseInteger(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string value) return null;
        var format = Analyse((string)a[1]!);
        switch (format.Primary)
        {
            case Primary.Letters:
                {
                    var aCode = format.Case == Case.Upper ? 'A' : 'a';
                    var result = 0.0;
                    for (var i = 0; i < value.Length; i++) result += (value[value.Length - i - 1] - aCode + 1) * Math.Pow(26, i);
                    return result;
                }
            case Primary.Roman:
                {
                    var roman = value.ToUpperInvariant();
                    var result = 0.0;
                    var max = 1;
                    for (var i = roman.Length - 1; i >= 0; i--)
                    {
                        var digit = roman[i] switch { 'M' => 1000, 'D' => 500, 'C' => 100, 'L' => 50, 'X' => 10, 'V' => 5, 'I' => 1, _ => 0 };
                        if (digit == 0) return double.NaN;
                        if (digit < max)
                        {
                            result -= digit;
                        }
                        else
                        {
                            max = digit;
                            result += digit;
                        }
                    }
                    return result;
                }
            case Primary.Words:
                return NumberWords.FromWords(value.ToLowerInvariant());
            case Primary.Decimal:
                {
                    var digits = value;
                    if (format.Ordinal) digits = digits.Length >= 2 ? digits[..^2] : "";
                    if (format.Regular) digits = digits.Replace(",", "", StringComparison.Ordinal);
                    else foreach (var (_, character) in format.GroupingSeparators) digits = digits.Replace(character, "", StringComparison.Ordinal);
                    if (format.ZeroCode != 0x30)
                    {
                        var sb = new StringBuilder();
                        foreach (var c in digits) sb.Append((char)(c - format.ZeroCode + 0x30));
                        digits = sb.ToString();
                    }
                    return JsParseInt(digits);
                }
            default:
                throw new FunctionException("D3130", $"Formatting or parsing an integer as a sequence starting with {Operators.Describe(format.Token)} is not supported by this implementation");
        }
    }
}
