using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace StepFunctions.Local.Integrations.DynamoDb;

/// <summary>
/// DynamoDB's condition expression language, as Query's KeyConditionExpression and the reads' FilterExpression use it:
/// comparisons (<c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>), <c>BETWEEN … AND …</c>, <c>IN (…)</c>, the functions
/// <c>attribute_exists</c>, <c>attribute_not_exists</c>, <c>attribute_type</c>, <c>begins_with</c>, <c>contains</c> and
/// <c>size</c>, <c>NOT</c>, <c>AND</c>, <c>OR</c> and parentheses, with DynamoDB's precedence. Paths are top-level
/// attributes, <c>#aliases</c> and nested <c>a.b[0]</c> documents; values are <c>:placeholders</c>. DynamoDB's reserved words are not checked (a bare <c>status</c> works
/// here, on AWS it needs an alias).
/// </summary>
public abstract record Condition
{
    /// <summary>Whether the item satisfies the condition; a missing attribute compares false, as on DynamoDB.</summary>
    public abstract bool Matches(JsonObject item);
}

public sealed record Comparison(Operand Left, string Operator, Operand Right) : Condition
{
    public override bool Matches(JsonObject item) =>
        AttributeValues.Compare(Left.Resolve(item), Operator, Right.Resolve(item));
}

public sealed record Between(Operand Value, Operand Low, Operand High) : Condition
{
    public override bool Matches(JsonObject item)
    {
        var value = Value.Resolve(item);
        return AttributeValues.Compare(value, ">=", Low.Resolve(item)) && AttributeValues.Compare(value, "<=", High.Resolve(item));
    }
}

public sealed record In(Operand Value, IReadOnlyList<Operand> Candidates) : Condition
{
    public override bool Matches(JsonObject item)
    {
        var value = Value.Resolve(item);
        return Candidates.Any(candidate => AttributeValues.Compare(value, "=", candidate.Resolve(item)));
    }
}

public sealed record FunctionCall(string Name, IReadOnlyList<Operand> Arguments) : Condition
{
    public override bool Matches(JsonObject item) => Name switch
    {
        "attribute_exists" => Arguments[0].Resolve(item) is not null,
        "attribute_not_exists" => Arguments[0].Resolve(item) is null,
        "attribute_type" => Arguments[0].Resolve(item) is { } value && Arguments[1].Resolve(item)?["S"]?.GetValue<string>() is { } type
            && AttributeValues.TypeOf(value) == type,
        "begins_with" => AttributeValues.BeginsWith(Arguments[0].Resolve(item), Arguments[1].Resolve(item)),
        _ => AttributeValues.Contains(Arguments[0].Resolve(item), Arguments[1].Resolve(item)),
    };
}

public sealed record Not(Condition Inner) : Condition
{
    public override bool Matches(JsonObject item) => !Inner.Matches(item);
}

public sealed record And(Condition Left, Condition Right) : Condition
{
    public override bool Matches(JsonObject item) => Left.Matches(item) && Right.Matches(item);
}

public sealed record Or(Condition Left, Condition Right) : Condition
{
    public override bool Matches(JsonObject item) => Left.Matches(item) || Right.Matches(item);
}

/// <summary>What a comparison compares: an attribute of the item, a placeholder's value, or an attribute's size.</summary>
public abstract record Operand
{
    /// <summary>The attribute value (<c>{"S": …}</c> form), or null when the item has no such attribute.</summary>
    public abstract JsonObject? Resolve(JsonObject item);
}

/// <summary>A document path: the attribute name, then map keys (strings) and list indexes (ints).</summary>
public sealed record PathOperand(IReadOnlyList<object> Steps) : Operand
{
    public string Attribute => (string)Steps[0];

    public bool IsTopLevel => Steps.Count == 1;

    public override JsonObject? Resolve(JsonObject item)
    {
        JsonObject? current = item[Attribute] as JsonObject;
        foreach (var step in Steps.Skip(1))
        {
            current = step switch
            {
                string key => current?["M"]?[key] as JsonObject,
                int index when current?["L"] is JsonArray list && index < list.Count => list[index] as JsonObject,
                _ => null,
            };
        }
        return current;
    }
}

public sealed record ValueOperand(string Placeholder, JsonObject Value) : Operand
{
    public override JsonObject? Resolve(JsonObject item) => Value;
}

public sealed record SizeOperand(PathOperand Path) : Operand
{
    public override JsonObject? Resolve(JsonObject item) =>
        AttributeValues.Size(Path.Resolve(item)) is { } size ? new JsonObject { ["N"] = size.ToString(CultureInfo.InvariantCulture) } : null;
}

/// <summary>
/// Parses one expression of a request against its ExpressionAttributeNames/Values, recording which of them it used
/// (DynamoDB refuses a request with unused ones). Errors are DynamoDB's ValidationException messages, prefixed with
/// the expression's member ("Invalid KeyConditionExpression: …").
/// </summary>
public sealed class ConditionParser
{
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size",
    };

    private readonly JsonObject? names;
    private readonly JsonObject? values;
    private readonly HashSet<string> usedNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedValues = new(StringComparer.Ordinal);
    private string member = "";
    private string text = "";
    private List<string> tokens = [];
    private int position;

    public ConditionParser(JsonObject? names, JsonObject? values)
    {
        this.names = names;
        this.values = values;
    }

    /// <summary>Parses <paramref name="expression"/>, the value of request member <paramref name="memberName"/>.</summary>
    public Condition Parse(string memberName, string expression)
    {
        Begin(memberName, expression);
        var condition = ParseOr();
        if (position < tokens.Count)
        {
            throw Syntax(tokens[position]);
        }
        return condition;
    }

    /// <summary>A ProjectionExpression: comma-separated paths.</summary>
    public IReadOnlyList<PathOperand> ParseProjection(string expression)
    {
        Begin("ProjectionExpression", expression);
        var paths = new List<PathOperand> { ParsePath() };
        while (Accept(","))
        {
            paths.Add(ParsePath());
        }
        if (position < tokens.Count)
        {
            throw Syntax(tokens[position]);
        }
        return paths;
    }

    /// <summary>Refuses names or values the request gave that no expression used, as DynamoDB does.</summary>
    public void CheckAllUsed()
    {
        var unusedValues = values?.Select(v => v.Key).Where(k => !usedValues.Contains(k)).ToList() ?? [];
        if (unusedValues.Count > 0)
        {
            throw DynamoDbException.Validation($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", unusedValues)}}}");
        }
        var unusedNames = names?.Select(n => n.Key).Where(k => !usedNames.Contains(k)).ToList() ?? [];
        if (unusedNames.Count > 0)
        {
            throw DynamoDbException.Validation($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", unusedNames)}}}");
        }
    }

    private void Begin(string memberName, string expression)
    {
        member = memberName;
        text = expression;
        tokens = Tokenize(expression);
        position = 0;
        if (tokens.Count == 0)
        {
            throw Invalid("The expression can not be empty;");
        }
    }

    private Condition ParseOr()
    {
        var left = ParseAnd();
        while (AcceptKeyword("OR"))
        {
            left = new Or(left, ParseAnd());
        }
        return left;
    }

    private Condition ParseAnd()
    {
        var left = ParseNot();
        while (AcceptKeyword("AND"))
        {
            left = new And(left, ParseNot());
        }
        return left;
    }

    private Condition ParseNot() => AcceptKeyword("NOT") ? new Not(ParseNot()) : ParsePrimary();

    private Condition ParsePrimary()
    {
        if (Accept("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        if (Peek() is { } name && Functions.Contains(name) && Peek(1) == "(" && name != "size")
        {
            position += 2;
            var arguments = new List<Operand> { ParseOperand() };
            while (Accept(","))
            {
                arguments.Add(ParseOperand());
            }
            Expect(")");
            var arity = name is "attribute_exists" or "attribute_not_exists" ? 1 : 2;
            if (arguments.Count != arity || arguments[0] is not PathOperand)
            {
                throw Invalid($"Incorrect number of operands for operator or function; operator or function: {name}, number of operands: {arguments.Count}");
            }
            return new FunctionCall(name, arguments);
        }
        var left = ParseOperand();
        if (AcceptKeyword("BETWEEN"))
        {
            var low = ParseOperand();
            if (!AcceptKeyword("AND"))
            {
                throw Syntax(Peek() ?? "<EOF>");
            }
            return new Between(left, low, ParseOperand());
        }
        if (AcceptKeyword("IN"))
        {
            Expect("(");
            var candidates = new List<Operand> { ParseOperand() };
            while (Accept(","))
            {
                candidates.Add(ParseOperand());
            }
            Expect(")");
            return new In(left, candidates);
        }
        if (Peek() is "=" or "<>" or "<" or "<=" or ">" or ">=")
        {
            var op = tokens[position++];
            return new Comparison(left, op, ParseOperand());
        }
        throw Syntax(Peek() ?? "<EOF>");
    }

    private Operand ParseOperand()
    {
        var token = Peek() ?? throw Syntax("<EOF>");
        if (token.StartsWith(':'))
        {
            position++;
            usedValues.Add(token);
            return values?[token] is JsonObject value
                ? new ValueOperand(token, value)
                : throw Invalid($"An expression attribute value used in expression is not defined; attribute value: {token}");
        }
        if (token == "size" && Peek(1) == "(")
        {
            position += 2;
            var path = ParsePath();
            Expect(")");
            return new SizeOperand(path);
        }
        return ParsePath();
    }

    private PathOperand ParsePath()
    {
        var steps = new List<object> { Name(Next()) };
        while (true)
        {
            if (Accept("."))
            {
                steps.Add(Name(Next()));
            }
            else if (Accept("["))
            {
                var index = Next();
                if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    throw Syntax(index);
                }
                steps.Add(n);
                Expect("]");
            }
            else
            {
                return new PathOperand(steps);
            }
        }
    }

    private string Name(string token)
    {
        if (token.StartsWith('#'))
        {
            usedNames.Add(token);
            return names?[token]?.GetValue<string>()
                ?? throw Invalid($"An expression attribute name used in the document path is not defined; attribute name: {token}");
        }
        if (token.Length == 0 || !(char.IsLetter(token[0]) || token[0] == '_') || token.Any(c => !(char.IsLetterOrDigit(c) || c == '_')))
        {
            throw Syntax(token);
        }
        return token;
    }

    private string? Peek(int ahead = 0) => position + ahead < tokens.Count ? tokens[position + ahead] : null;

    private string Next() => position < tokens.Count ? tokens[position++] : throw Syntax("<EOF>");

    private bool Accept(string token)
    {
        if (Peek() != token)
        {
            return false;
        }
        position++;
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (!string.Equals(Peek(), keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        position++;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw Syntax(Peek() ?? "<EOF>");
        }
    }

    private DynamoDbException Syntax(string token)
    {
        var at = text.IndexOf(token, StringComparison.Ordinal);
        var near = at < 0 ? text : text[Math.Max(0, at - 8)..Math.Min(text.Length, at + token.Length + 8)];
        return Invalid($"Syntax error; token: \"{token}\", near: \"{near}\"");
    }

    private DynamoDbException Invalid(string message) => DynamoDbException.Validation($"Invalid {member}: {message}");

    private static List<string> Tokenize(string expression)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',' or '.' or '[' or ']' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '<' or '>')
            {
                var two = i + 1 < expression.Length ? expression.Substring(i, 2) : "";
                var op = two is "<=" or ">=" or "<>" ? two : c.ToString();
                tokens.Add(op);
                i += op.Length;
            }
            else
            {
                var word = new StringBuilder();
                word.Append(c);
                i++;
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] is '_' or '-'))
                {
                    word.Append(expression[i++]);
                }
                tokens.Add(word.ToString());
            }
        }
        return tokens;
    }
}
