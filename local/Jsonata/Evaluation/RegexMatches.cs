namespace Jsonata.Evaluation;

/// <summary>One match of a regex: the matched text, where it starts, and its groups (null for one that did not take part).</summary>
internal sealed record RegexMatch(string Value, int Index, List<string?> Groups);

/// <summary>
/// A regex value's matches, iterated like the reference's global JavaScript regex: an empty match after the first
/// is error D1004. Calling a regex directly (<c>/re/(str)</c>) is evaluation; the regex functions of the library
/// ($match, $contains, $replace, $split) use the same matches.
/// </summary>
internal static class RegexMatches
{
    public static IEnumerable<RegexMatch> All(RegexFunction regex, string str)
    {
        var m = regex.Regex.Match(str, 0);
        if (!m.Success) yield break;
        yield return ToFound(m);
        var lastIndex = m.Index + m.Length;
        while (lastIndex < str.Length)
        {
            m = regex.Regex.Match(str, lastIndex);
            if (!m.Success) yield break;
            if (m.Length == 0)
                throw new JsonataException("D1004", regex.Node.Position, "Regular expression matches zero length string", regex.Node.Text);
            yield return ToFound(m);
            lastIndex = m.Index + m.Length;
        }
    }

    private static RegexMatch ToFound(System.Text.RegularExpressions.Match m)
    {
        var groups = new List<string?>();
        for (var i = 1; i < m.Groups.Count; i++) groups.Add(m.Groups[i].Success ? m.Groups[i].Value : null);
        return new RegexMatch(m.Value, m.Index, groups);
    }

    /// <summary>The value of <c>/re/(str)</c>: the first match as {match, start, end, groups}.</summary>
    public static object? MatchObject(RegexFunction regex, object? value, int position)
    {
        if (value is not string str) return null;
        var found = All(regex, str).FirstOrDefault();
        if (found == null) return null;
        var groups = new JArray();
        foreach (var g in found.Groups) groups.Add((object?)g ?? JsonNull.Value);
        return new JObject
        {
            ["match"] = found.Value,
            ["start"] = (double)found.Index,
            ["end"] = (double)(found.Index + found.Value.Length),
            ["groups"] = groups,
        };
    }
}
