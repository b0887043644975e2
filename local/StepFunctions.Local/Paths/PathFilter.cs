using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Paths;

/// <summary>
/// A JSONPath filter <c>[?(…)]</c> as AWS evaluates it (Jayway JsonPath's semantics, which Step Functions
/// Local shares): <c>@.field</c> alone tests that the field exists (whatever its value, false and null
/// included); <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>=~ /regex/</c>,
/// <c>in [..]</c>, <c>nin [..]</c> compare it with a literal or another path (<c>@…</c> relative to the item,
/// <c>$…</c> to the document); <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses combine tests. Numbers
/// compare as numbers and strings as strings; comparing values of different types is false (so <c>!=</c> is
/// true); a missing field makes every comparison false except <c>!=</c> and <c>nin</c>.
/// </summary>
internal sealed class PathFilter
{
    private readonly Condition condition;

    private PathFilter(string text, Condition condition)
    {
        Text = text;
        this.condition = condition;
    }

    /// <summary>The filter as written, without <c>[?(</c> and <c>)]</c>.</summary>
    public string Text { get; }

    public bool Matches(JsonNode? item, JsonNode? root) => condition.Test(item, root);

    public static PathFilter Parse(string path, string text)
    {
        var parser = new Parser(path, text);
        var condition = parser.ParseOr();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw parser.Error($"unexpected '{text[parser.Position..]}'");
        }
        return new PathFilter(text, condition);
    }

    private abstract record Condition
    {
        public abstract bool Test(JsonNode? item, JsonNode? root);
    }

    private sealed record Or(Condition Left, Condition Right) : Condition
    {
        public override bool Test(JsonNode? item, JsonNode? root) => Left.Test(item, root) || Right.Test(item, root);
    }

    private sealed record And(Condition Left, Condition Right) : Condition
    {
        public override bool Test(JsonNode? item, JsonNode? root) => Left.Test(item, root) && Right.Test(item, root);
    }

    private sealed record Not(Condition Inner) : Condition
    {
        public override bool Test(JsonNode? item, JsonNode? root) => !Inner.Test(item, root);
    }

    private sealed record Exists(Operand Operand) : Condition
    {
        public override bool Test(JsonNode? item, JsonNode? root) => Operand.TryGet(item, root, out _);
    }

    private sealed record Compare(Operand Left, string Op, Operand Right) : Condition
    {
        public override bool Test(JsonNode? item, JsonNode? root)
        {
            var hasLeft = Left.TryGet(item, root, out var left);
            var hasRight = Right.TryGet(item, root, out var right);
            return Op switch
            {
                "==" => hasLeft && hasRight && JsonNode.DeepEquals(Numeric(left), Numeric(right)),
                "!=" => !(hasLeft && hasRight && JsonNode.DeepEquals(Numeric(left), Numeric(right))),
                "in" => hasLeft && right is JsonArray set && set.Any(v => JsonNode.DeepEquals(Numeric(v), Numeric(left))),
                "nin" => !(hasLeft && right is JsonArray set2 && set2.Any(v => JsonNode.DeepEquals(Numeric(v), Numeric(left)))),
                "=~" => hasLeft && Json.IsString(left, out var s) && Right is RegexOperand regex && regex.Regex.IsMatch(s),
                _ => hasLeft && hasRight && Order(left, right) is { } order && Op switch
                {
                    "<" => order < 0,
                    "<=" => order <= 0,
                    ">" => order > 0,
                    _ => order >= 0,
                },
            };
        }

        /// <summary>Numbers as doubles, so 1 and 1.0 are equal.</summary>
        private static JsonNode? Numeric(JsonNode? node) => Json.IsNumber(node, out var d) ? JsonValue.Create(d) : node;

        private static int? Order(JsonNode? left, JsonNode? right)
        {
            if (Json.IsNumber(left, out var a) && Json.IsNumber(right, out var b))
            {
                return a.CompareTo(b);
            }
            if (Json.IsString(left, out var x) && Json.IsString(right, out var y))
            {
                return string.CompareOrdinal(x, y);
            }
            return null;
        }
    }

    private abstract record Operand
    {
        public abstract bool TryGet(JsonNode? item, JsonNode? root, out JsonNode? value);
    }

    private sealed record PathOperand(JsonPath Path, bool Relative) : Operand
    {
        public override bool TryGet(JsonNode? item, JsonNode? root, out JsonNode? value) =>
            Path.TryEvaluate(Relative ? item : root, out value) && (Path.IsDefinite || value is JsonArray { Count: > 0 });
    }

    private sealed record LiteralOperand(JsonNode? Value) : Operand
    {
        public override bool TryGet(JsonNode? item, JsonNode? root, out JsonNode? value)
        {
            value = Value;
            return true;
        }
    }

    private sealed record RegexOperand(Regex Regex) : Operand
    {
        public override bool TryGet(JsonNode? item, JsonNode? root, out JsonNode? value)
        {
            value = null;
            return true;
        }
    }

    private sealed class Parser(string path, string text)
    {
        private static readonly string[] Operators = ["==", "!=", "<=", ">=", "=~", "<", ">"];

        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public PathSyntaxException Error(string problem) =>
            new($"The path '{path}' has an invalid filter '[?({text})]': {problem}.");

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        private bool Take(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, Position, token, 0, token.Length) == 0)
            {
                Position += token.Length;
                return true;
            }
            return false;
        }

        private bool TakeWord(string word)
        {
            SkipSpaces();
            var end = Position + word.Length;
            if (string.CompareOrdinal(text, Position, word, 0, word.Length) == 0 && (end >= text.Length || !char.IsLetterOrDigit(text[end])))
            {
                Position = end;
                return true;
            }
            return false;
        }

        public Condition ParseOr()
        {
            var left = ParseAnd();
            while (Take("||"))
            {
                left = new Or(left, ParseAnd());
            }
            return left;
        }

        private Condition ParseAnd()
        {
            var left = ParseUnary();
            while (Take("&&"))
            {
                left = new And(left, ParseUnary());
            }
            return left;
        }

        private Condition ParseUnary()
        {
            if (Take("!") )
            {
                return new Not(ParseUnary());
            }
            if (Take("("))
            {
                var inner = ParseOr();
                if (!Take(")"))
                {
                    throw Error("missing ')'");
                }
                return inner;
            }
            var left = ParseOperand();
            foreach (var op in Operators)
            {
                if (Take(op))
                {
                    return new Compare(left, op, op == "=~" ? ParseRegex() : ParseOperand());
                }
            }
            foreach (var op in new[] { "nin", "in" })
            {
                if (TakeWord(op))
                {
                    return new Compare(left, op, ParseOperand());
                }
            }
            return left is PathOperand ? new Exists(left) : throw Error("a literal alone is not a test; compare it with a path");
        }

        private Operand ParseOperand()
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw Error("it ends where a value was expected");
            }
            var c = text[Position];
            if (c is '@' or '$')
            {
                var start = Position;
                Position++;
                ReadPathRest();
                var pathText = "$" + text[(start + 1)..Position];
                if (!JsonPath.TryParse(pathText, out var parsed, out var error))
                {
                    throw Error(error!);
                }
                return new PathOperand(parsed!, c == '@');
            }
            if (c is '\'' or '"')
            {
                return new LiteralOperand(JsonValue.Create(ReadQuoted(c)));
            }
            if (c == '[')
            {
                Position++;
                var items = new JsonArray();
                while (!Take("]"))
                {
                    if (items.Count > 0 && !Take(","))
                    {
                        throw Error("expected ',' or ']' in a list");
                    }
                    items.Add(((LiteralOperand)ParseLiteral()).Value?.DeepClone());
                }
                return new LiteralOperand(items);
            }
            return ParseLiteral();
        }

        private Operand ParseLiteral()
        {
            SkipSpaces();
            if (!AtEnd && text[Position] is '\'' or '"')
            {
                return new LiteralOperand(JsonValue.Create(ReadQuoted(text[Position])));
            }
            foreach (var (word, value) in new (string, JsonNode?)[] { ("true", JsonValue.Create(true)), ("false", JsonValue.Create(false)), ("null", null) })
            {
                if (TakeWord(word))
                {
                    return new LiteralOperand(value);
                }
            }
            var start = Position;
            while (!AtEnd && (char.IsDigit(text[Position]) || text[Position] is '-' or '+' or '.' or 'e' or 'E'))
            {
                Position++;
            }
            if (start < Position && double.TryParse(text[start..Position], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return new LiteralOperand(JsonValue.Create(number));
            }
            throw Error($"expected a value at '{text[start..]}'");
        }

        private Operand ParseRegex()
        {
            SkipSpaces();
            if (AtEnd || text[Position] != '/')
            {
                throw Error("=~ needs a regular expression such as /^a.*/");
            }
            var end = text.IndexOf('/', Position + 1);
            while (end > 0 && text[end - 1] == '\\')
            {
                end = text.IndexOf('/', end + 1);
            }
            if (end < 0)
            {
                throw Error("the regular expression has no closing '/'");
            }
            var pattern = text[(Position + 1)..end];
            Position = end + 1;
            var options = RegexOptions.None;
            while (!AtEnd && char.IsLetter(text[Position]))
            {
                options |= text[Position] == 'i' ? RegexOptions.IgnoreCase : RegexOptions.None;
                Position++;
            }
            return new RegexOperand(new Regex(pattern, options | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        }

        private string ReadQuoted(char quote)
        {
            var sb = new StringBuilder();
            Position++;
            while (!AtEnd && text[Position] != quote)
            {
                if (text[Position] == '\\' && Position + 1 < text.Length)
                {
                    Position++;
                }
                sb.Append(text[Position++]);
            }
            if (AtEnd)
            {
                throw Error("a quoted string is not closed");
            }
            Position++;
            return sb.ToString();
        }

        /// <summary>Moves past the steps of a path (<c>.a</c>, <c>['b']</c>, <c>[0]</c>) that follows '@' or '$'.</summary>
        private void ReadPathRest()
        {
            while (!AtEnd)
            {
                var c = text[Position];
                if (c == '.')
                {
                    Position++;
                    while (!AtEnd && (char.IsLetterOrDigit(text[Position]) || text[Position] is '_' or '-' or '*' or '$'))
                    {
                        Position++;
                    }
                }
                else if (c == '[')
                {
                    var depth = 0;
                    char? quote = null;
                    do
                    {
                        var d = text[Position];
                        if (quote is { } q)
                        {
                            quote = d == q ? null : quote;
                        }
                        else if (d is '\'' or '"')
                        {
                            quote = d;
                        }
                        else if (d == '[')
                        {
                            depth++;
                        }
                        else if (d == ']')
                        {
                            depth--;
                        }
                        Position++;
                    }
                    while (depth > 0 && !AtEnd);
                }
                else
                {
                    return;
                }
            }
        }
    }
}
