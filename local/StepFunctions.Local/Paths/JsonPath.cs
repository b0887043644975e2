using System.Text.Json.Nodes;
using System.Text;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Paths;

/// <summary>
/// A compiled path of the JSONPath subset the States Language uses: <c>$</c>, <c>$.a.b</c>, <c>$['x']</c>,
/// <c>$.a[0]</c>, <c>$.a[*]</c>, <c>$.a[1:3]</c>, and context paths starting with <c>$$</c>.
/// Compiled once when the definition is loaded; evaluation allocates nothing for definite paths.
/// </summary>
public sealed class JsonPath
{
    private readonly PathSegment[] segments;

    private JsonPath(string text, bool isContext, PathSegment[] segments)
    {
        Text = text;
        IsContext = isContext;
        this.segments = segments;
        IsDefinite = Array.TrueForAll(segments, s => s.Kind is SegmentKind.Property or SegmentKind.Index);
    }

    public string Text { get; }

    /// <summary>True when the path starts with <c>$$</c> (the context object).</summary>
    public bool IsContext { get; }

    /// <summary>True when the path selects at most one node (a "Reference Path" in the spec).</summary>
    public bool IsDefinite { get; }

    internal int SegmentCount => segments.Length;

    internal PathSegment Segment(int index) => segments[index];

    public override string ToString() => Text;

    /// <summary>The path in the bracket notation AWS prints in causes, e.g. <c>$['a']['b']</c>.</summary>
    public string ToBracketNotation()
    {
        var sb = new StringBuilder(IsContext ? "$$" : "$");
        foreach (var segment in segments)
        {
            sb.Append(segment.ToBracket());
        }
        return sb.ToString();
    }

    public static bool TryParse(string text, out JsonPath? path, out string? error)
    {
        try
        {
            path = Parse(text);
            error = null;
            return true;
        }
        catch (PathSyntaxException e)
        {
            path = null;
            error = e.Message;
            return false;
        }
    }

    public static JsonPath Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            throw new PathSyntaxException($"The path '{text}' must start with '$'.");
        }
        var isContext = text.Length > 1 && text[1] == '$';
        var i = isContext ? 2 : 1;
        var list = new List<PathSegment>();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '.')
            {
                i++;
                if (i < text.Length && text[i] == '*')
                {
                    list.Add(new PathSegment(SegmentKind.Wildcard));
                    i++;
                    continue;
                }
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }
                if (i == start)
                {
                    throw new PathSyntaxException($"The path '{text}' has an empty field name at position {start}.");
                }
                var name = text[start..i];
                if (name.Contains(' ', StringComparison.Ordinal) || name.Contains(']', StringComparison.Ordinal) || name.Contains('\'', StringComparison.Ordinal))
                {
                    throw new PathSyntaxException($"The path '{text}' has an invalid field name '{name}'; use the bracket form $['{name}'].");
                }
                list.Add(new PathSegment(SegmentKind.Property, name));
            }
            else if (c == '[')
            {
                i = ParseBracket(text, i + 1, list);
            }
            else
            {
                throw new PathSyntaxException($"The path '{text}' has an unexpected character '{c}' at position {i}.");
            }
        }
        return new JsonPath(text, isContext, [.. list]);
    }

    private static int ParseBracket(string text, int i, List<PathSegment> list)
    {
        if (i >= text.Length)
        {
            throw new PathSyntaxException($"The path '{text}' ends inside '['.");
        }
        var quote = text[i];
        if (quote is '\'' or '"')
        {
            var sb = new StringBuilder();
            i++;
            while (i < text.Length && text[i] != quote)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }
                sb.Append(text[i]);
                i++;
            }
            if (i + 1 >= text.Length || text[i + 1] != ']')
            {
                throw new PathSyntaxException($"The path '{text}' has an unterminated quoted field name.");
            }
            list.Add(new PathSegment(SegmentKind.Property, sb.ToString()));
            return i + 2;
        }
        var close = text.IndexOf(']', i);
        if (close < 0)
        {
            throw new PathSyntaxException($"The path '{text}' is missing a closing ']'.");
        }
        var inner = text[i..close].Trim();
        if (inner == "*")
        {
            list.Add(new PathSegment(SegmentKind.Wildcard));
        }
        else if (inner.Contains(':', StringComparison.Ordinal))
        {
            var parts = inner.Split(':');
            if (parts.Length != 2)
            {
                throw new PathSyntaxException($"The path '{text}' has an unsupported slice '[{inner}]' (slice steps are not supported).");
            }
            list.Add(new PathSegment(SegmentKind.Slice, SliceStart: ParseOptionalInt(text, parts[0]), SliceEnd: ParseOptionalInt(text, parts[1])));
        }
        else if (int.TryParse(inner, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            list.Add(new PathSegment(SegmentKind.Index, Index: index));
        }
        else
        {
            throw new PathSyntaxException($"The path '{text}' has an unsupported selector '[{inner}]' (filters and unions are not supported).");
        }
        return close + 1;
    }

    private static int? ParseOptionalInt(string text, string part)
    {
        part = part.Trim();
        if (part.Length == 0)
        {
            return null;
        }
        if (int.TryParse(part, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }
        throw new PathSyntaxException($"The path '{text}' has a non-numeric slice bound '{part}'.");
    }

    /// <summary>Evaluates against <paramref name="root"/>. Returns false when a definite path finds nothing.
    /// The returned node is shared: copy it before attaching it to another parent.</summary>
    public bool TryEvaluate(JsonNode? root, out JsonNode? result) => TryEvaluate(root, 0, out result);

    internal bool TryEvaluate(JsonNode? root, int start, out JsonNode? result)
    {
        if (IsDefinite)
        {
            var current = root;
            for (var i = start; i < segments.Length; i++)
            {
                if (!Step(current, segments[i], out current))
                {
                    result = null;
                    return false;
                }
            }
            result = current;
            return true;
        }
        var matches = new List<JsonNode?> { root };
        for (var i = start; i < segments.Length; i++)
        {
            var next = new List<JsonNode?>();
            foreach (var node in matches)
            {
                Expand(node, segments[i], next);
            }
            matches = next;
        }
        var array = new JsonArray();
        foreach (var m in matches)
        {
            array.Add(m?.DeepClone());
        }
        result = array;
        return true;
    }

    private static bool Step(JsonNode? node, PathSegment segment, out JsonNode? next)
    {
        next = null;
        switch (segment.Kind)
        {
            case SegmentKind.Property when node is JsonObject obj:
                return obj.TryGetPropertyValue(segment.Name, out next);
            case SegmentKind.Index when node is JsonArray array:
                var index = segment.Index < 0 ? array.Count + segment.Index : segment.Index;
                if (index < 0 || index >= array.Count)
                {
                    return false;
                }
                next = array[index];
                return true;
            default:
                return false;
        }
    }

    private static void Expand(JsonNode? node, PathSegment segment, List<JsonNode?> into)
    {
        switch (segment.Kind)
        {
            case SegmentKind.Wildcard when node is JsonArray array:
                into.AddRange(array);
                break;
            case SegmentKind.Wildcard when node is JsonObject obj:
                foreach (var pair in obj)
                {
                    into.Add(pair.Value);
                }
                break;
            case SegmentKind.Slice when node is JsonArray array:
                var count = array.Count;
                var from = Normalize(segment.SliceStart ?? 0, count);
                var to = Normalize(segment.SliceEnd ?? count, count);
                for (var i = from; i < to; i++)
                {
                    into.Add(array[i]);
                }
                break;
            default:
                if (Step(node, segment, out var next))
                {
                    into.Add(next);
                }
                break;
        }
    }

    private static int Normalize(int bound, int count) => Math.Clamp(bound < 0 ? count + bound : bound, 0, count);
}
