using System.Globalization;
using System.Text;

namespace Jsonata.Evaluation;

/// <summary>
/// JSON text as JavaScript's JSON.stringify writes it (functions omitted from objects, null in arrays); with
/// <c>roundNumbers</c> as $string writes it (numbers to 15 significant digits, functions as "").
/// </summary>
internal static class JsonText
{
    public static string Stringify(object? value, bool pretty, bool roundNumbers)
    {
        var sb = new StringBuilder();
        Write(sb, value, pretty, roundNumbers, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, bool pretty, bool round, int indent)
    {
        switch (value)
        {
            case JFunction when round:
                sb.Append("\"\"");
                break;
            case null or JsonNull or JFunction:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                if (!double.IsFinite(d)) sb.Append("null");
                else sb.Append(JsNumber.Format(round ? JsNumber.Round15(d) : d));
                break;
            case string s:
                Quote(sb, s);
                break;
            case JArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, pretty, indent + 1);
                    Write(sb, array[i], pretty, round, indent + 1);
                }
                NewLine(sb, pretty, indent);
                sb.Append(']');
                break;
            case JObject obj:
                {
                    var first = true;
                    sb.Append('{');
                    foreach (var (k, v) in obj)
                    {
                        if (v is JFunction && !round) continue;
                        if (!first) sb.Append(',');
                        first = false;
                        NewLine(sb, pretty, indent + 1);
                        Quote(sb, k);
                        sb.Append(pretty ? ": " : ":");
                        Write(sb, v, pretty, round, indent + 1);
                    }
                    if (!first) NewLine(sb, pretty, indent);
                    sb.Append('}');
                    break;
                }
            default:
                sb.Append("null");
                break;
        }
    }

    private static void NewLine(StringBuilder sb, bool pretty, int indent)
    {
        if (!pretty) return;
        sb.Append('\n').Append(' ', indent * 2);
    }

    public static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || (char.IsSurrogate(c) && !IsPairedSurrogate(s, i)))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    private static bool IsPairedSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            : i > 0 && char.IsHighSurrogate(s[i - 1]);
}
