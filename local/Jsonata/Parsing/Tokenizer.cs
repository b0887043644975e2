using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Jsonata.Parsing;

/// <summary>
/// Splits JSONata source into tokens, one at a time on demand: whether '/' starts a regex depends on the parser's
/// state (a regex can only appear where an operand is expected), so the parser asks with <c>prefix</c>.
/// </summary>
internal sealed partial class Tokenizer(string source)
{
    /// <summary>Operator characters: they end a name. Binding powers live in the parser.</summary>
    private const string OperatorChars = ".[]{}(),@#;:?+-*/%|=<>^&!~";

    private int position;

    public Token Next(bool prefix)
    {
        SkipWhitespaceAndComments();
        if (position >= source.Length) return new Token(TokenType.End, "(end)", null, position);
        var c = source[position];
        if (!prefix && c == '/')
        {
            position++;
            return ScanRegex();
        }
        foreach (var op in new[] { "..", ":=", "!=", ">=", "<=", "**", "~>" })
        {
            if (string.CompareOrdinal(source, position, op, 0, 2) == 0)
            {
                position += 2;
                return new Token(TokenType.Operator, op, null, position);
            }
        }
        if (OperatorChars.Contains(c))
        {
            position++;
            return new Token(TokenType.Operator, c.ToString(), null, position);
        }
        if (c is '"' or '\'') return ScanString(c);
        var number = NumberPattern().Match(source, position);
        if (number.Success)
        {
            var value = double.Parse(number.Value, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
                throw new JsonataException("S0102", position, $"Number out of range: {number.Value}", number.Value);
            position += number.Length;
            return new Token(TokenType.Number, number.Value, value, position);
        }
        if (c == '`')
        {
            var end = source.IndexOf('`', position + 1);
            if (end < 0)
            {
                position = source.Length;
                throw new JsonataException("S0105", position, "Quoted property name must be terminated with a backquote (`)");
            }
            var quoted = source[(position + 1)..end];
            position = end + 1;
            return new Token(TokenType.Name, quoted, quoted, position);
        }
        var i = position;
        while (i < source.Length && !IsWhitespace(source[i]) && !OperatorChars.Contains(source[i])) i++;
        var word = source[position..i];
        position = i;
        if (word.StartsWith('$')) return new Token(TokenType.Variable, word, word[1..], position);
        return word switch
        {
            "and" or "or" or "in" => new Token(TokenType.Operator, word, null, position),
            "true" => new Token(TokenType.Value, word, true, position),
            "false" => new Token(TokenType.Value, word, false, position),
            "null" => new Token(TokenType.Value, word, null, position),
            _ => new Token(TokenType.Name, word, word, position),
        };
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v';

    private void SkipWhitespaceAndComments()
    {
        while (true)
        {
            while (position < source.Length && IsWhitespace(source[position])) position++;
            if (position + 1 < source.Length && source[position] == '/' && source[position + 1] == '*')
            {
                var start = position;
                var end = source.IndexOf("*/", position + 2, StringComparison.Ordinal);
                if (end < 0) throw new JsonataException("S0106", start, "Comment has no closing tag");
                position = end + 2;
                continue;
            }
            return;
        }
    }

    private Token ScanString(char quote)
    {
        position++;
        var text = new StringBuilder();
        while (position < source.Length)
        {
            var c = source[position];
            if (c == '\\')
            {
                position++;
                var e = position < source.Length ? source[position] : '\0';
                switch (e)
                {
                    case '"': text.Append('"'); break;
                    case '\\': text.Append('\\'); break;
                    case '/': text.Append('/'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'u':
                        var hex = position + 5 <= source.Length ? source.Substring(position + 1, 4) : "";
                        if (hex.Length == 4 && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            text.Append((char)code);
                            position += 4;
                        }
                        else
                        {
                            throw new JsonataException("S0104", position, "The escape sequence \\u must be followed by 4 hex digits");
                        }
                        break;
                    default:
                        throw new JsonataException("S0103", position, $"Unsupported escape sequence: \\\"{e}\"", e.ToString()); // the reference quotes the token after the backslash
                }
            }
            else if (c == quote)
            {
                position++;
                var value = text.ToString();
                return new Token(TokenType.String, value, value, position);
            }
            else
            {
                text.Append(c);
            }
            position++;
        }
        throw new JsonataException("S0101", position, "String literal must be terminated by a matching quote");
    }

    private Token ScanRegex()
    {
        var start = position;
        var depth = 0;
        while (position < source.Length)
        {
            var c = source[position];
            if (c == '/' && depth == 0 && PrecedingBackslashes(position) % 2 == 0)
            {
                var pattern = source[start..position];
                if (pattern.Length == 0) throw new JsonataException("S0301", position, "Empty regular expressions are not allowed");
                position++;
                var flagsStart = position;
                while (position < source.Length && source[position] is 'i' or 'm') position++;
                var flags = source[flagsStart..position];
                return new Token(TokenType.Regex, "/" + pattern + "/" + flags, RegexFactory.Create(pattern, flags, start), position);
            }
            var escaped = position > 0 && source[position - 1] == '\\';
            if (c is '(' or '[' or '{' && !escaped) depth++;
            if (c is ')' or ']' or '}' && !escaped) depth--;
            position++;
        }
        throw new JsonataException("S0302", position, "No terminating / in regular expression");
    }

    private int PrecedingBackslashes(int at)
    {
        var count = 0;
        while (at - count - 1 >= 0 && source[at - count - 1] == '\\') count++;
        return count;
    }

    [GeneratedRegex(@"\G(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?")]
    private static partial Regex NumberPattern();
}
