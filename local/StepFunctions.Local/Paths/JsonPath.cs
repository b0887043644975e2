using System.Text;
using System.Text.Json.Nodes;

namespace StepFunctions.Local.Paths;

/// <summary>
/// A compiled JSONPath as AWS evaluates it: <c>$</c>, <c>$.a.b</c>, <c>$['x']</c>, <c>$.a[0]</c>, <c>$.a[*]</c>,
/// <c>$.a[1:3]</c>, deep scan <c>$..a</c>, filters <c>$.a[?(@.x &gt; 1)]</c> (see <see cref="PathFilter"/>), unions
/// <c>$.a[0,2]</c> and <c>$['a','b']</c>, context paths starting with <c>$$</c> and variable paths <c>$name.a</c>.
/// Compiled once when the definition is loaded; evaluation allocates nothing for definite paths.
/// </summary>
public sealed class JsonPath
{
    private readonly PathSegment[] segments;

    private JsonPath(string text, bool isContext, PathSegment[] segments, string? variable = null)
    {
        Text = text;
        IsContext = isContext;
        Variable = variable;
        this.segments = segments;
        IsDefinite = segments.Select((s, i) => s.Kind is SegmentKind.Property or SegmentKind.Index
            || (s.Kind == SegmentKind.PropertyUnion && i == segments.Length - 1)).All(definite => definite);
    }

    public string Text { get; }

    /// <summary>True when the path starts with <c>$$</c> (the context object).</summary>
    public bool IsContext { get; }

    /// <summary>The workflow variable the path starts from (<c>$name.field</c>), or null for <c>$</c> and <c>$$</c>.</summary>
    public string? Variable { get; }

    /// <summary>True when the path selects at most one node (a "Reference Path" in the spec).</summary>
    public bool IsDefinite { get; }

    internal int SegmentCount => segments.Length;

    internal PathSegment Segment(int index) => segments[index];

    public override string ToString() => Text;

    /// <summary>AWS's cause for a path that matches nothing in the input: <c>Invalid path '$.x' : No results for path: $['x']</c>.</summary>
    public string NoResultsCause => $"Invalid path '{Text}' : No results for path: {ToBracketNotation()}";

    /// <summary>The path in the bracket notation AWS prints in causes, e.g. <c>$['a']['b']</c>.</summary>
    public string ToBracketNotation()
    {
        var sb = new StringBuilder(IsContext ? "$$" : "$" + Variable);
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
        string? variable = null;
        if (!isContext && i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
        {
            // A workflow variable: $name, $name.field, $name[0]
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }
            variable = text[start..i];
        }
        var list = new List<PathSegment>();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '.' && i + 1 < text.Length && text[i + 1] == '.')
            {
                list.Add(new PathSegment(SegmentKind.DeepScan));
                i += 2;
                if (i < text.Length && text[i] == '[')
                {
                    continue;
                }
                if (i < text.Length && text[i] == '*')
                {
                    list.Add(new PathSegment(SegmentKind.Wildcard));
                    i++;
                    continue;
                }
                i--; // read the name as if after a single '.'
                c = '.';
            }
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
        return new JsonPath(text, isContext, [.. list], variable);
    }

    private static int ParseBracket(string text, int i, List<PathSegment> list)
    {
        if (i >= text.Length)
        {
            throw new PathSyntaxException($"The path '{text}' ends inside '['.");
        }
        if (text[i] == '?')
        {
            return ParseFilter(text, i + 1, list);
        }
        if (text[i] is '\'' or '"')
        {
            var names = new List<string>();
            while (true)
            {
                var quote = text[i];
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
                if (i >= text.Length)
                {
                    throw new PathSyntaxException($"The path '{text}' has an unterminated quoted field name.");
                }
                names.Add(sb.ToString());
                i++;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }
                if (i < text.Length && text[i] == ']')
                {
                    list.Add(names.Count == 1
                        ? new PathSegment(SegmentKind.Property, names[0])
                        : new PathSegment(SegmentKind.PropertyUnion, Names: [.. names]));
                    return i + 1;
                }
                if (i >= text.Length || text[i] != ',')
                {
                    throw new PathSyntaxException($"The path '{text}' has an unterminated quoted field name.");
                }
                i++;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }
                if (i >= text.Length || text[i] is not ('\'' or '"'))
                {
                    throw new PathSyntaxException($"The path '{text}' mixes quoted names with other selectors in one union.");
                }
            }
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
        else if (inner.Contains(',', StringComparison.Ordinal))
        {
            list.Add(new PathSegment(SegmentKind.IndexUnion, Indexes: [.. inner.Split(',').Select(part => ParseOptionalInt(text, part)
                ?? throw new PathSyntaxException($"The path '{text}' has an empty index in the union '[{inner}]'."))]));
        }
        else if (int.TryParse(inner, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            list.Add(new PathSegment(SegmentKind.Index, Index: index));
        }
        else
        {
            throw new PathSyntaxException($"The path '{text}' has an unsupported selector '[{inner}]'.");
        }
        return close + 1;
    }

    /// <summary><c>[?( … )]</c> starting after '?': the parenthesised filter, then ']'.</summary>
    private static int ParseFilter(string text, int i, List<PathSegment> list)
    {
        if (i >= text.Length || text[i] != '(')
        {
            throw new PathSyntaxException($"The path '{text}' has a filter without '(' after '[?'.");
        }
        var depth = 0;
        char? quote = null;
        for (var j = i; j < text.Length; j++)
        {
            var c = text[j];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    j++;
                }
                else if (c == q)
                {
                    quote = null;
                }
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                if (j + 1 >= text.Length || text[j + 1] != ']')
                {
                    throw new PathSyntaxException($"The path '{text}' has a filter not closed by ')]'.");
                }
                list.Add(new PathSegment(SegmentKind.Filter, Filter: PathFilter.Parse(text, text[(i + 1)..j])));
                return j + 2;
            }
        }
        throw new PathSyntaxException($"The path '{text}' has a filter not closed by ')]'.");
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
        var document = root;
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
                Expand(node, segments[i], next, document, last: i == segments.Length - 1);
            }
            if (segments[i].Kind == SegmentKind.DeepScan && i + 1 < segments.Length && segments[i + 1].Kind == SegmentKind.Filter)
            {
                // $..[?(…)] tests each object below once, not also the arrays that hold them.
                next.RemoveAll(node => node is JsonArray);
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
            case SegmentKind.PropertyUnion when node is JsonObject obj:
                var merged = new JsonObject();
                foreach (var name in segment.Names!)
                {
                    if (obj.TryGetPropertyValue(name, out var value))
                    {
                        merged[name] = value?.DeepClone();
                    }
                }
                next = merged;
                return true;
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

    private static void Expand(JsonNode? node, PathSegment segment, List<JsonNode?> into, JsonNode? document, bool last)
    {
        switch (segment.Kind)
        {
            case SegmentKind.DeepScan:
                AddSelfAndDescendants(node, into);
                break;
            case SegmentKind.Filter when node is JsonArray array:
                into.AddRange(array.Where(item => segment.Filter!.Matches(item, document)));
                break;
            case SegmentKind.Filter when node is JsonObject:
                if (segment.Filter!.Matches(node, document))
                {
                    into.Add(node);
                }
                break;
            case SegmentKind.IndexUnion when node is JsonArray array:
                foreach (var index in segment.Indexes!)
                {
                    if (Step(array, new PathSegment(SegmentKind.Index, Index: index), out var item))
                    {
                        into.Add(item);
                    }
                }
                break;
            case SegmentKind.PropertyUnion when node is JsonObject && last:
                // The last step merges the fields found into one object per node, as Jayway does.
                if (Step(node, segment, out var merged))
                {
                    into.Add(merged);
                }
                break;
            case SegmentKind.PropertyUnion when node is JsonObject obj:
                foreach (var name in segment.Names!)
                {
                    if (obj.TryGetPropertyValue(name, out var value))
                    {
                        into.Add(value);
                    }
                }
                break;
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

    /// <summary>The containers at and below <paramref name="node"/>, in document order (values other than objects and
    /// arrays have no fields or items to step into).</summary>
    private static void AddSelfAndDescendants(JsonNode? node, List<JsonNode?> into)
    {
        if (node is not (JsonObject or JsonArray))
        {
            return;
        }
        into.Add(node);
        var children = node is JsonObject obj ? obj.Select(p => p.Value) : node.AsArray();
        foreach (var child in children)
        {
            AddSelfAndDescendants(child, into);
        }
    }

    private static int Normalize(int bound, int count) => Math.Clamp(bound < 0 ? count + bound : bound, 0, count);
}
