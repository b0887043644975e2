using System.Text;
using Jsonata.Evaluation;

namespace Jsonata.Functions;

/// <summary>
/// Regex-driven functions ($match, $contains, $replace, $split), over the matches <see cref="RegexMatches"/> finds.
/// </summary>
internal static class RegexMatching
{
    private static RegexFunction Matcher(object? value) =>
        value as RegexFunction ?? throw new FunctionException("T1010", "The matcher function argument passed to function does not return the correct object structure");

    public static object? Match(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var limit = Library.Arg(a, 2) as double?;
        if (limit < 0) throw new FunctionException("D3040", "Third argument of match function must evaluate to a positive number");
        var result = JArray.Sequence();
        if (limit is null or > 0)
        {
            var regex = Matcher(a[1]);
            foreach (var found in RegexMatches.All(regex, str))
            {
                if (limit != null && result.Count >= limit) break;
                var groups = new JArray();
                foreach (var g in found.Groups) groups.Add((object?)g ?? JsonNull.Value);
                result.Add(new JObject { ["match"] = found.Value, ["index"] = (double)found.Index, ["groups"] = groups });
            }
        }
        return result;
    }

    public static object? Contains(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        if (a[1] is string token) return str.Contains(token, StringComparison.Ordinal);
        return RegexMatches.All(Matcher(a[1]), str).Any();
    }

    public static object? Replace(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var pattern = a[1];
        var replacement = a[2];
        var limit = Library.Arg(a, 3) as double?;
        if (pattern is "") throw new FunctionException("D3010", "Second argument of replace function cannot be an empty string");
        if (limit < 0) throw new FunctionException("D3011", "Fourth argument of replace function must evaluate to a positive number");
        if (limit is not (null or > 0)) return str;
        var result = new StringBuilder();
        var position = 0;
        var count = 0;
        if (pattern is string text)
        {
            var index = str.IndexOf(text, StringComparison.Ordinal);
            while (index != -1 && (limit == null || count < limit))
            {
                result.Append(str, position, index - position);
                result.Append(replacement is string r ? r : Operators.ToJsonataString(replacement!));
                position = index + text.Length;
                count++;
                index = str.IndexOf(text, position, StringComparison.Ordinal);
            }
            result.Append(str, position, str.Length - position);
            return result.ToString();
        }
        var any = false;
        foreach (var found in RegexMatches.All(Matcher(pattern), str))
        {
            if (limit != null && count >= limit) break;
            any = true;
            result.Append(str, position, found.Index - position);
            if (replacement is string template)
            {
                result.Append(Substitute(template, found));
            }
            else
            {
                var groups = new JArray();
                foreach (var g in found.Groups) groups.Add((object?)g ?? JsonNull.Value);
                var matchObject = new JObject
                {
                    ["match"] = found.Value,
                    ["start"] = (double)found.Index,
                    ["end"] = (double)(found.Index + found.Value.Length),
                    ["groups"] = groups,
                };
                var replaced = ev.Apply(replacement, [matchObject], null, 0);
                if (replaced is not string s)
                    throw new FunctionException("D3012", "Attempted to replace a matched string with a non-string value");
                result.Append(s);
            }
            position = found.Index + found.Value.Length;
            count++;
        }
        if (!any) return str;
        result.Append(str, position, str.Length - position);
        return result.ToString();
    }

    /// <summary>$0, $1.. and $$ in a replacement string, with the reference's rule for multi-digit group numbers.</summary>
    private static string Substitute(string replacement, RegexMatch match)
    {
        var sb = new StringBuilder();
        var position = 0;
        var index = replacement.IndexOf('$', position);
        while (index != -1 && position < replacement.Length)
        {
            sb.Append(replacement, position, index - position);
            position = index + 1;
            var next = position < replacement.Length ? replacement[position] : '\0';
            if (next == '$')
            {
                sb.Append('$');
                position++;
            }
            else if (next == '0')
            {
                sb.Append(match.Value);
                position++;
            }
            else
            {
                var maxDigits = match.Groups.Count == 0 ? 1 : (int)Math.Floor(Math.Log10(match.Groups.Count)) + 1;
                var group = ParseLeadingInt(replacement, position, maxDigits);
                if (maxDigits > 1 && group > match.Groups.Count) group = ParseLeadingInt(replacement, position, maxDigits - 1);
                if (group != null)
                {
                    if (match.Groups.Count > 0 && group.Value - 1 >= 0 && group.Value - 1 < match.Groups.Count)
                        sb.Append(match.Groups[group.Value - 1]);
                    position += group.Value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    sb.Append('$');
                }
            }
            index = replacement.IndexOf('$', position);
        }
        sb.Append(replacement, Math.Min(position, replacement.Length), replacement.Length - Math.Min(position, replacement.Length));
        return sb.ToString();
    }

    /// <summary>parseInt(text.substring(start, start + digits), 10): leading digits, or null (NaN).</summary>
    private static int? ParseLeadingInt(string text, int start, int digits)
    {
        var end = Math.Min(text.Length, start + digits);
        var i = start;
        while (i < end && char.IsAsciiDigit(text[i])) i++;
        if (i == start) return null;
        return int.Parse(text.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static object? Split(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string str) return null;
        var limit = Library.Arg(a, 2) as double?;
        if (limit < 0) throw new FunctionException("D3020", "Third argument of split function must evaluate to a positive number");
        var result = new JArray();
        if (limit is not (null or > 0)) return result;
        if (a[1] is string separator)
        {
            IEnumerable<string> parts = separator.Length == 0
                ? str.Select(c => c.ToString())
                : str.Split(separator);
            foreach (var part in parts)
            {
                if (limit != null && result.Count >= Math.Truncate(limit.Value)) break;
                result.Add(part);
            }
            return result;
        }
        var start = 0;
        var count = 0;
        var any = false;
        foreach (var found in RegexMatches.All(Matcher(a[1]), str))
        {
            if (limit != null && count >= limit) break;
            any = true;
            result.Add(str[start..found.Index]);
            start = found.Index + found.Value.Length;
            count++;
        }
        if (!any)
        {
            result.Add(str);
        }
        else if (limit == null || count < limit)
        {
            result.Add(str[start..]);
        }
        return result;
    }
}
