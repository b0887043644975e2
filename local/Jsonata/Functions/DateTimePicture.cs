using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Jsonata.Evaluation;

namespace Jsonata.Functions;

/// <summary>
/// XPath F&amp;O 3.1 date/time picture strings for $fromMillis/$now (formatting) and $toMillis (parsing):
/// markers like [Y0001], [M01], [MNn,*-3], [D1o], [FNn], [H01], [h], [m01], [s01], [f001], [Z01:01t], [z], [P].
/// </summary>
internal static class DateTimePicture
{
    private sealed class Part
    {
        public string? Literal;
        public char Component;
        public string? Presentation1;
        public char? Presentation2;
        public int? WidthMin;
        public int? WidthMax;
        public IntegerFormatting.Case? Names;
        public IntegerFormatting.Format? IntegerFormat;
        public int N = -1;
    }

    private static readonly Dictionary<char, string> DefaultPresentation = new()
    {
        ['Y'] = "1", ['M'] = "1", ['D'] = "1", ['d'] = "1", ['F'] = "n", ['W'] = "1", ['w'] = "1", ['X'] = "1", ['x'] = "1",
        ['H'] = "1", ['h'] = "1", ['P'] = "n", ['m'] = "01", ['s'] = "01", ['f'] = "1", ['Z'] = "01:01", ['z'] = "01:01",
        ['C'] = "n", ['E'] = "n",
    };

    private static readonly string[] Days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private const string IsoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

    private static List<Part> Analyse(string picture)
    {
        var spec = new List<Part>();
        void AddLiteral(int start, int end)
        {
            if (end > start) spec.Add(new Part { Literal = picture[start..end].Replace("]]", "]", StringComparison.Ordinal) });
        }
        int start = 0, pos = 0;
        while (pos < picture.Length)
        {
            if (picture[pos] == '[')
            {
                if (pos + 1 < picture.Length && picture[pos + 1] == '[')
                {
                    AddLiteral(start, pos);
                    spec.Add(new Part { Literal = "[" });
                    pos += 2;
                    start = pos;
                    continue;
                }
                AddLiteral(start, pos);
                start = pos;
                pos = picture.IndexOf(']', start);
                if (pos == -1) throw new FunctionException("D3135", "No matching closing bracket ']' in date/time picture string");
                var marker = Regex.Replace(picture[(start + 1)..pos], @"\s+", "");
                var part = new Part { Component = marker.Length > 0 ? marker[0] : '\0' };
                var comma = marker.LastIndexOf(',');
                string presentation;
                if (comma != -1)
                {
                    var width = marker[(comma + 1)..];
                    var dash = width.IndexOf('-');
                    string min, max = "*";
                    if (dash == -1) min = width;
                    else
                    {
                        min = width[..dash];
                        max = width[(dash + 1)..];
                    }
                    part.WidthMin = ParseWidth(min);
                    part.WidthMax = dash == -1 ? null : ParseWidth(max);
                    presentation = marker[1..comma];
                }
                else
                {
                    presentation = marker.Length > 0 ? marker[1..] : "";
                }
                if (presentation.Length == 1)
                {
                    part.Presentation1 = presentation;
                }
                else if (presentation.Length > 1)
                {
                    var last = presentation[^1];
                    if ("atco".Contains(last))
                    {
                        part.Presentation2 = last;
                        part.Presentation1 = presentation[..^1];
                    }
                    else
                    {
                        part.Presentation1 = presentation;
                    }
                }
                else
                {
                    part.Presentation1 = DefaultPresentation.GetValueOrDefault(part.Component);
                }
                if (part.Presentation1 == null)
                    throw new FunctionException("D3132", $"Unknown component specifier {Operators.Describe(part.Component.ToString())} in date/time picture string");
                if (part.Presentation1.StartsWith('n')) part.Names = IntegerFormatting.Case.Lower;
                else if (part.Presentation1.StartsWith('N'))
                    part.Names = part.Presentation1.Length > 1 && part.Presentation1[1] == 'n' ? IntegerFormatting.Case.Title : IntegerFormatting.Case.Upper;
                else if ("YMDdFWwXxHhmsf".Contains(part.Component))
                {
                    var integerPattern = part.Presentation1;
                    if (part.Presentation2 != null) integerPattern += ";" + part.Presentation2;
                    part.IntegerFormat = IntegerFormatting.Analyse(integerPattern);
                    if (part.WidthMin != null && part.IntegerFormat.MandatoryDigits < part.WidthMin) part.IntegerFormat.MandatoryDigits = part.WidthMin.Value;
                    if ("YMD".Contains(part.Component))
                    {
                        if (part.WidthMax != null)
                        {
                            part.N = part.WidthMax.Value;
                            part.IntegerFormat.MandatoryDigits = part.N;
                        }
                        else
                        {
                            var w = part.IntegerFormat.MandatoryDigits + part.IntegerFormat.OptionalDigits;
                            if (w >= 2) part.N = w;
                        }
                    }
                }
                if (part.Component is 'Z' or 'z') part.IntegerFormat = IntegerFormatting.Analyse(part.Presentation1);
                spec.Add(part);
                start = pos + 1;
            }
            pos++;
        }
        AddLiteral(start, pos);
        return spec;
    }

    private static int? ParseWidth(string text)
    {
        if (text == "*") return null;
        var value = IntegerFormatting.JsParseInt(text);
        return double.IsNaN(value) ? null : (int)value;
    }

    private static readonly double MillisInADay = 86400000;

    private static double Utc(int year, int month, int day = 1) =>
        (new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddYears(Math.Clamp(year, 1, 9999) - 1).AddMonths(month) - DateTime.UnixEpoch).TotalMilliseconds
        + (day - 1) * MillisInADay;

    private static (int Year, int Month) Next((int Year, int Month) ym) => ym.Month == 11 ? (ym.Year + 1, 0) : (ym.Year, ym.Month + 1);

    private static (int Year, int Month) Previous((int Year, int Month) ym) => ym.Month == 0 ? (ym.Year - 1, 11) : (ym.Year, ym.Month - 1);

    private static double StartOfFirstWeek((int Year, int Month) ym)
    {
        var jan1 = Utc(ym.Year, ym.Month);
        var day = (int)DateTimeOffset.UnixEpoch.AddMilliseconds(jan1).DayOfWeek;
        if (day == 0) day = 7;
        return day > 4 ? jan1 + (8 - day) * MillisInADay : jan1 - (day - 1) * MillisInADay;
    }

    private static double DeltaWeeks(double start, double end) => (end - start) / (MillisInADay * 7) + 1;

    private static object Fragment(DateTimeOffset date, char component)
    {
        switch (component)
        {
            case 'Y': return (double)date.Year;
            case 'M': return (double)date.Month;
            case 'D': return (double)date.Day;
            case 'd': return (double)date.DayOfYear;
            case 'F':
                {
                    var day = (int)date.DayOfWeek;
                    return (double)(day == 0 ? 7 : day);
                }
            case 'W':
                {
                    var thisYear = (date.Year, 0);
                    var start = StartOfFirstWeek(thisYear);
                    var today = Utc(date.Year, date.Month - 1, date.Day);
                    var week = DeltaWeeks(start, today);
                    if (week > 52)
                    {
                        if (today >= StartOfFirstWeek((date.Year + 1, 0))) week = 1;
                    }
                    else if (week < 1)
                    {
                        week = DeltaWeeks(StartOfFirstWeek((date.Year - 1, 0)), today);
                    }
                    return Math.Floor(week);
                }
            case 'w':
                {
                    var thisMonth = (date.Year, date.Month - 1);
                    var start = StartOfFirstWeek(thisMonth);
                    var today = Utc(date.Year, date.Month - 1, date.Day);
                    var week = DeltaWeeks(start, today);
                    if (week > 4)
                    {
                        if (today >= StartOfFirstWeek(Next(thisMonth))) week = 1;
                    }
                    else if (week < 1)
                    {
                        week = DeltaWeeks(StartOfFirstWeek(Previous(thisMonth)), today);
                    }
                    return Math.Floor(week);
                }
            case 'X':
                {
                    var now = date.ToUnixTimeMilliseconds();
                    if (now < StartOfFirstWeek((date.Year, 0))) return (double)(date.Year - 1);
                    if (now >= StartOfFirstWeek((date.Year + 1, 0))) return (double)(date.Year + 1);
                    return (double)date.Year;
                }
            case 'x':
                {
                    var thisMonth = (date.Year, date.Month - 1);
                    var now = date.ToUnixTimeMilliseconds();
                    if (now < StartOfFirstWeek(thisMonth)) return (double)(Previous(thisMonth).Month + 1);
                    if (now >= StartOfFirstWeek(Next(thisMonth))) return (double)(Next(thisMonth).Month + 1);
                    return (double)date.Month;
                }
            case 'H': return (double)date.Hour;
            case 'h':
                {
                    var h = date.Hour % 12;
                    return (double)(h == 0 ? 12 : h);
                }
            case 'P': return date.Hour >= 12 ? "pm" : "am";
            case 'm': return (double)date.Minute;
            case 's': return (double)date.Second;
            case 'f': return (double)date.Millisecond;
            case 'C' or 'E': return "ISO";
            default: return "";
        }
    }

    public static string Format(double millis, string? picture, string? timezone)
    {
        var offsetHours = 0;
        var offsetMinutes = 0;
        if (timezone != null)
        {
            var offset = IntegerFormatting.JsParseInt(timezone);
            if (double.IsNaN(offset)) offset = 0;
            offsetHours = (int)Math.Floor(offset / 100);
            offsetMinutes = (int)(offset % 100);
        }
        var spec = Analyse(picture ?? IsoPicture);
        var offsetMillis = (60 * offsetHours + offsetMinutes) * 60 * 1000;
        var shifted = millis + offsetMillis;
        if (!double.IsFinite(shifted) || Math.Abs(shifted) > 8.64e15) throw new FunctionException("D3110", "Invalid time value");
        var date = DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Floor(shifted));
        var result = new StringBuilder();
        foreach (var part in spec)
        {
            if (part.Literal != null) result.Append(part.Literal);
            else result.Append(FormatComponent(date, part, offsetHours, offsetMinutes));
        }
        return result.ToString();
    }

    private static string FormatComponent(DateTimeOffset date, Part part, int offsetHours, int offsetMinutes)
    {
        var value = Fragment(date, part.Component);
        if ("YMDdFWwXxHhms".Contains(part.Component))
        {
            var number = (double)value;
            if (part.Component == 'Y' && part.N != -1) number %= Math.Pow(10, part.N);
            if (part.Names != null)
            {
                string name;
                if (part.Component is 'M' or 'x') name = Months[(int)number - 1];
                else if (part.Component == 'F') name = Days[(int)number];
                else throw new FunctionException("D3133", $"The 'name' modifier can only be applied to months and days in the date/time picture string, not {Operators.Describe(part.Component.ToString())}");
                if (part.Names == IntegerFormatting.Case.Upper) name = name.ToUpperInvariant();
                else if (part.Names == IntegerFormatting.Case.Lower) name = name.ToLowerInvariant();
                if (part.WidthMax != null && name.Length > part.WidthMax) name = name[..part.WidthMax.Value];
                return name;
            }
            return IntegerFormatting.FormatValue(number, part.IntegerFormat!);
        }
        if (part.Component == 'f') return IntegerFormatting.FormatValue((double)value, part.IntegerFormat!);
        if (part.Component is 'Z' or 'z')
        {
            var offset = offsetHours * 100 + offsetMinutes;
            string text;
            var format = part.IntegerFormat!;
            if (format.Regular)
            {
                text = IntegerFormatting.FormatValue(offset, format);
            }
            else
            {
                var digits = format.MandatoryDigits;
                if (digits is 1 or 2)
                {
                    text = IntegerFormatting.FormatValue(offsetHours, format);
                    if (offsetMinutes != 0) text += ":" + IntegerFormatting.FormatValue(offsetMinutes, IntegerFormatting.Analyse("00"));
                }
                else if (digits is 3 or 4)
                {
                    text = IntegerFormatting.FormatValue(offset, format);
                }
                else
                {
                    throw new FunctionException("D3134", $"The timezone integer format specifier cannot have more than four digits");
                }
            }
            if (offset >= 0) text = "+" + text;
            if (part.Component == 'z') text = "GMT" + text;
            if (offset == 0 && part.Presentation2 == 't') text = "Z";
            return text;
        }
        if (part.Component == 'P') return part.Names == IntegerFormatting.Case.Upper ? ((string)value).ToUpperInvariant() : (string)value;
        return value as string ?? "";
    }

    /// <summary>$toMillis(timestamp, picture): the components the picture names, the rest from the evaluation's "now".</summary>
    public static object? Parse(string timestamp, string picture, DateTimeOffset now)
    {
        var spec = Analyse(picture);
        var parsers = new List<(char Component, Func<string, double>? Parse)>();
        var regex = new StringBuilder("^");
        foreach (var part in spec)
        {
            if (part.Literal != null)
            {
                regex.Append('(').Append(Regex.Escape(part.Literal)).Append(')');
                parsers.Add(('\0', null));
                continue;
            }
            string pattern;
            Func<string, double> parse;
            if (part.Component is 'Z' or 'z')
            {
                var format = part.IntegerFormat!;
                var separator = format.Regular ? format.GroupingSeparators[0].Character : null;
                pattern = (part.Component == 'z' ? "GMT" : "") + "[-+][0-9]+" + (separator != null ? Regex.Escape(separator) + "[0-9]+" : "");
                var isZ = part.Component == 'z';
                parse = value =>
                {
                    if (isZ) value = value[3..];
                    double hours, minutes = 0;
                    if (separator != null)
                    {
                        var at = value.IndexOf(separator, StringComparison.Ordinal);
                        hours = IntegerFormatting.JsParseInt(value[..at]);
                        minutes = IntegerFormatting.JsParseInt(value[(at + separator.Length)..]);
                    }
                    else if (value.Length - 1 <= 2)
                    {
                        hours = IntegerFormatting.JsParseInt(value);
                    }
                    else
                    {
                        hours = IntegerFormatting.JsParseInt(value[..3]);
                        minutes = IntegerFormatting.JsParseInt(value[3..]);
                    }
                    return hours * 60 + minutes;
                };
            }
            else if (part.IntegerFormat != null)
            {
                (pattern, parse) = IntegerMatcher(part.IntegerFormat, part.N);
            }
            else
            {
                pattern = "[a-zA-Z]+";
                var lookup = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
                if (part.Component is 'M' or 'x')
                {
                    for (var i = 0; i < Months.Length; i++) lookup[part.WidthMax is > 0 ? Months[i][..Math.Min(part.WidthMax.Value, Months[i].Length)] : Months[i]] = i + 1;
                }
                else if (part.Component == 'F')
                {
                    for (var i = 1; i < Days.Length; i++) lookup[part.WidthMax is > 0 ? Days[i][..Math.Min(part.WidthMax.Value, Days[i].Length)] : Days[i]] = i;
                }
                else if (part.Component == 'P')
                {
                    lookup["am"] = 0;
                    lookup["pm"] = 1;
                }
                else
                {
                    throw new FunctionException("D3133", $"The 'name' modifier can only be applied to months and days in the date/time picture string, not {Operators.Describe(part.Component.ToString())}");
                }
                parse = value => lookup.TryGetValue(value, out var v) ? v : double.NaN;
            }
            regex.Append('(').Append(pattern).Append(')');
            parsers.Add((part.Component, parse));
        }
        regex.Append('$');
        var match = Regex.Match(timestamp, regex.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!match.Success) return null;
        var components = new Dictionary<char, double>();
        for (var i = 0; i < parsers.Count; i++)
        {
            if (parsers[i].Parse != null) components[parsers[i].Component] = parsers[i].Parse!(match.Groups[i + 1].Value);
        }
        if (components.Count == 0) return null;
        var mask = 0;
        void Shift(bool bit) => mask = (mask << 1) + (bit ? 1 : 0);
        bool IsType(int type) => (~type & mask) == 0 && (type & mask) != 0;
        bool Has(char c) => components.TryGetValue(c, out var v) && v != 0 && !double.IsNaN(v);
        foreach (var c in "YXMxWwdD") Shift(Has(c));
        var dateA = IsType(161);
        var dateB = !dateA && IsType(130);
        var dateC = IsType(84);
        var dateD = !dateC && IsType(72);
        mask = 0;
        foreach (var c in "PHhmsf") Shift(Has(c));
        var timeA = IsType(23);
        var timeB = !timeA && IsType(47);
        var comps = (dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD") + (timeB ? "Phmsf" : "Hmsf");
        var startSpecified = false;
        var endSpecified = false;
        foreach (var c in comps)
        {
            if (!components.ContainsKey(c))
            {
                if (startSpecified)
                {
                    components[c] = "MDd".Contains(c) ? 1 : 0;
                    endSpecified = true;
                }
                else
                {
                    components[c] = Fragment(now, c) is double d ? d : 0;
                }
            }
            else
            {
                startSpecified = true;
                if (endSpecified) throw new FunctionException("D3136", "The date/time picture string is missing specifiers required to parse the timestamp");
            }
        }
        double C(char c) => components.GetValueOrDefault(c, double.NaN);
        components['M'] = C('M') > 0 ? C('M') - 1 : 0;
        if (dateB)
        {
            var derived = DateTimeOffset.UnixEpoch.AddMilliseconds(Utc((int)components['Y'], 0) + (components['d'] - 1) * MillisInADay);
            components['M'] = derived.Month - 1;
            components['D'] = derived.Day;
        }
        if (dateC || dateD) throw new FunctionException("D3136", "The date/time picture string is missing specifiers required to parse the timestamp");
        if (timeB)
        {
            components['H'] = C('h') == 12 ? 0 : C('h');
            if (components.GetValueOrDefault('P') == 1) components['H'] += 12;
        }
        var values = new[] { C('Y'), C('M'), C('D'), C('H'), C('m'), C('s'), C('f') };
        if (values.Any(double.IsNaN)) return double.NaN;
        var millis = Utc((int)values[0], (int)values[1]) + (values[2] - 1) * MillisInADay + values[3] * 3600000 + values[4] * 60000 + values[5] * 1000 + values[6];
        var zone = components.GetValueOrDefault('Z', 0);
        if (zone == 0) zone = components.GetValueOrDefault('z', 0);
        if (zone != 0 && !double.IsNaN(zone)) millis -= zone * 60 * 1000;
        return millis;
    }

    private static (string Pattern, Func<string, double> Parse) IntegerMatcher(IntegerFormatting.Format format, int n)
    {
        var upper = format.Case == IntegerFormatting.Case.Upper;
        switch (format.Primary)
        {
            case IntegerFormatting.Primary.Letters:
                return (upper ? "[A-Z]+" : "[a-z]+", value =>
                {
                    var a = upper ? 'A' : 'a';
                    var result = 0.0;
                    for (var i = 0; i < value.Length; i++) result += (value[value.Length - i - 1] - a + 1) * Math.Pow(26, i);
                    return result;
                });
            case IntegerFormatting.Primary.Roman:
                return (upper ? "[MDCLXVI]+" : "[mdclxvi]+", value =>
                    (double)IntegerFormatting.ParseInteger(null!, [value, upper ? "I" : "i"], null)!);
            case IntegerFormatting.Primary.Words:
                return ("[a-zA-Z ,\\-]+", value => NumberWords.FromWords(value.ToLowerInvariant()));
            case IntegerFormatting.Primary.Decimal:
                {
                    var occurrences = n > 0 ? (format.OptionalDigits == 0 ? $"{{{n}}}" : $"{{{n - format.OptionalDigits},{n}}}") : "+";
                    var pattern = "[0-9]" + occurrences + (format.Ordinal ? "(?:th|st|nd|rd)" : "");
                    return (pattern, value =>
                    {
                        var digits = format.Ordinal ? value[..^2] : value;
                        return IntegerFormatting.JsParseInt(digits);
                    });
                }
            default:
                throw new FunctionException("D3130", "Formatting or parsing an integer as a sequence is not supported by this implementation");
        }
    }
}
