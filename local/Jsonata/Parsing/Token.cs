namespace Jsonata.Parsing;

internal enum TokenType
{
    Operator,
    Name,
    Variable,
    String,
    Number,
    Value,
    Regex,
    End,
}

/// <summary>One lexical token; <see cref="Position"/> is the offset just after it, as the reference reports positions.</summary>
internal sealed record Token(TokenType Type, string Text, object? Value, int Position)
{
    /// <summary>The token as the reference writes it in a message (JSON text of its value: a number bare, a
    /// variable by its name without the '$', a regular expression as the empty object a RegExp serialises to).</summary>
    public string Describe() => Type switch
    {
        TokenType.Number => Text,
        TokenType.Regex => "{}",
        TokenType.Variable => "\"" + Value + "\"",
        _ => "\"" + Text + "\"",
    };
}
