using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Intrinsics;

/// <summary>Parses intrinsic function calls. Placeholder markers stand for escaped braces inside
/// string literals so States.Format can tell <c>\{</c> from a <c>{}</c> placeholder.</summary>
public static class IntrinsicParser
{
    internal const char OpenBraceMarker = '\uE000';
    internal const char CloseBraceMarker = '\uE001';

    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    public static IntrinsicCall Parse(string text)
    {
        var position = 0;
        var call = ParseCall(text, ref position);
        SkipSpaces(text, ref position);
        if (position != text.Length)
        {
            throw new PathSyntaxException($"The intrinsic function '{text}' has unexpected text after the closing ')'.");
        }
        return call;
    }

    private static IntrinsicCall ParseCall(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '.'))
        {
            position++;
        }
        var name = text[start..position];
        if (!IntrinsicFunctions.IsKnown(name))
        {
            throw new PathSyntaxException($"'{name}' is not a supported intrinsic function (in '{text}').");
        }
        SkipSpaces(text, ref position);
        Expect(text, ref position, '(');
        var args = new List<IntrinsicArgument>();
        SkipSpaces(text, ref position);
        if (position < text.Length && text[position] == ')')
        {
            position++;
            return new IntrinsicCall(name, args, text[start..position]);
        }
        while (true)
        {
            SkipSpaces(text, ref position);
            args.Add(ParseArgument(text, ref position));
            SkipSpaces(text, ref position);
            if (position >= text.Length)
            {
                throw new PathSyntaxException($"The intrinsic function '{text}' is missing a closing ')'.");
            }
            if (text[position] == ',')
            {
                position++;
                continue;
            }
            Expect(text, ref position, ')');
            return new IntrinsicCall(name, args, text[start..position]);
        }
    }

    private static IntrinsicArgument ParseArgument(string text, ref int position)
    {
        if (position >= text.Length)
        {
            throw new PathSyntaxException($"The intrinsic function '{text}' ends where an argument was expected.");
        }
        var c = text[position];
        if (c == '\'')
        {
            return ParseString(text, ref position);
        }
        if (c == '$')
        {
            var start = position;
            var depth = 0;
            var quote = '\0';
            while (position < text.Length)
            {
                var ch = text[position];
                if (quote != '\0')
                {
                    if (ch == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (ch is '\'' or '"' && depth > 0)
                {
                    quote = ch;
                }
                else if (ch == '[')
                {
                    depth++;
                }
                else if (ch == ']')
                {
                    depth--;
                }
                else if (depth == 0 && (ch is ',' or ')' || char.IsWhiteSpace(ch)))
                {
                    break;
                }
                position++;
            }
            return new PathArgument(JsonPath.Parse(text[start..position]));
        }
        if (text.AsSpan(position).StartsWith("States.", StringComparison.Ordinal))
        {
            return ParseCall(text, ref position);
        }
        var tokenStart = position;
        while (position < text.Length && text[position] is not (',' or ')') && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }
        var token = text[tokenStart..position];
        switch (token)
        {
            case "true":
                return new LiteralArgument(JsonValue.Create(true), null);
            case "false":
                return new LiteralArgument(JsonValue.Create(false), null);
            case "null":
                return new LiteralArgument(null, null);
        }
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return new LiteralArgument(JsonValue.Create(l), null);
        }
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return new LiteralArgument(JsonValue.Create(d), null);
        }
        throw new PathSyntaxException($"The intrinsic function '{text}' has an invalid argument '{token}' (strings need single quotes, paths start with '$').");
    }

    private static LiteralArgument ParseString(string text, ref int position)
    {
        position++; // opening quote
        var value = new StringBuilder();
        var template = new StringBuilder();
        while (position < text.Length && text[position] != '\'')
        {
            var ch = text[position];
            if (ch == '\\' && position + 1 < text.Length)
            {
                var escaped = text[position + 1];
                value.Append(escaped);
                template.Append(escaped switch { '{' => OpenBraceMarker, '}' => CloseBraceMarker, _ => escaped });
                position += 2;
                continue;
            }
            value.Append(ch);
            template.Append(ch);
            position++;
        }
        if (position >= text.Length)
        {
            throw new PathSyntaxException($"The intrinsic function '{text}' has an unterminated string literal.");
        }
        position++; // closing quote
        return new LiteralArgument(JsonValue.Create(value.ToString()), template.ToString());
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static void Expect(string text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw new PathSyntaxException($"The intrinsic function '{text}' is missing '{expected}' at position {position}.");
        }
        position++;
    }
}
