namespace Jsonata.Parsing;

/// <summary>
/// Top-down operator precedence (Pratt) parser: each token has a left binding power, a "nud" (meaning at the
/// start of an expression) and a "led" (meaning after a left operand). The raw tree then goes through
/// <see cref="PathBuilder"/>, which flattens '.', '[', '{', '^', '@', '#' into path steps.
/// </summary>
internal sealed class Parser
{
    private static readonly Dictionary<string, int> BindingPowers = new()
    {
        ["."] = 75, ["["] = 80, ["]"] = 0, ["{"] = 70, ["}"] = 0, ["("] = 80, [")"] = 0, [","] = 0, ["@"] = 80,
        ["#"] = 80, [";"] = 80, [":"] = 80, ["?"] = 20, ["+"] = 50, ["-"] = 50, ["*"] = 60, ["/"] = 60, ["%"] = 60,
        ["|"] = 20, ["="] = 40, ["<"] = 40, [">"] = 40, ["^"] = 40, ["**"] = 60, [".."] = 20, [":="] = 10,
        ["!="] = 40, ["<="] = 40, [">="] = 40, ["~>"] = 40, ["and"] = 30, ["or"] = 25, ["in"] = 40, ["&"] = 50,
    };

    /// <summary>Operators whose led is the plain left-associative binary form.</summary>
    private static readonly HashSet<string> PlainInfix =
        [".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>"];

    private readonly Tokenizer tokenizer;
    private Token token = null!;

    private Parser(string source) => tokenizer = new Tokenizer(source);

    public static Node Parse(string source)
    {
        var parser = new Parser(source);
        parser.Advance(null);
        var expr = parser.Expression(0);
        if (parser.token.Type != TokenType.End)
            throw new JsonataException("S0201", parser.token.Position, $"Syntax error: {parser.token.Describe()}", parser.token.Text);
        return PathBuilder.Build(expr);
    }

    internal static JsonataLimitException TooDeep(int position) =>
        new("U1001", $"The expression is nested too deeply to parse (at position {position})");

    private string Id => token.Type == TokenType.Operator ? token.Text
        : token.Type == TokenType.End ? "(end)" : "(" + token.Type + ")";

    /// <summary>Tokens that only separate or close (and the prefix-only '|' and '**') bind nothing to their left.</summary>
    private static readonly HashSet<string> NonBinding = [":", ";", ",", ")", "]", "}", "..", "|", "**"];

    private int LeftBindingPower =>
        token.Type == TokenType.Operator && !NonBinding.Contains(token.Text) ? BindingPowers.GetValueOrDefault(token.Text) : 0;

    private Token Advance(string? expected, bool infix = false)
    {
        if (expected != null && Id != expected)
        {
            var code = token.Type == TokenType.End ? "S0203" : "S0202";
            var message = token.Type == TokenType.End
                ? $"Expected \"{expected}\" before end of expression"
                : $"Expected \"{expected}\", got {token.Describe()}";
            throw new JsonataException(code, token.Position, message, token.Text);
        }
        var next = tokenizer.Next(infix);
        if (next.Type == TokenType.Operator && !BindingPowers.ContainsKey(next.Text))
            throw new JsonataException("S0204", next.Position, $"Unknown operator: \"{next.Text}\"", next.Text);
        token = next;
        return next;
    }

    private Node Expression(int rbp)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw TooDeep(token.Position);
        var t = token;
        Advance(null, true);
        var left = Nud(t);
        while (rbp < LeftBindingPower)
        {
            t = token;
            Advance(null);
            left = Led(t, left);
        }
        return left;
    }

    private Node Nud(Token t)
    {
        switch (t.Type)
        {
            case TokenType.End: return new EndNode(t.Position);
            case TokenType.Name: return new NameNode(t.Position, t.Text);
            case TokenType.Variable: return new VariableNode(t.Position, (string)t.Value!);
            case TokenType.String:
            case TokenType.Number:
            case TokenType.Value: return new LiteralNode(t.Position, t.Value);
            case TokenType.Regex: return new RegexNode(t.Position, (System.Text.RegularExpressions.Regex)t.Value!, t.Text);
        }
        switch (t.Text)
        {
            case "and" or "or" or "in": return new OperatorNode(t.Position, t.Text);
            case "-": return new NegateNode(t.Position, Expression(70));
            case "*": return new WildcardNode(t.Position);
            case "**": return new DescendantNode(t.Position);
            case "%": return new ParentNode(t.Position);
            case "(":
                {
                    var expressions = new List<Node>();
                    while (Id != ")")
                    {
                        expressions.Add(Expression(0));
                        if (Id != ";") break;
                        Advance(";");
                    }
                    Advance(")", true);
                    return new BlockNode(t.Position, expressions);
                }
            case "[":
                {
                    var items = new List<Node>();
                    if (Id != "]")
                    {
                        while (true)
                        {
                            var item = Expression(0);
                            if (Id == "..")
                            {
                                var position = token.Position;
                                Advance("..");
                                item = new BinaryNode(position, "..", item, Expression(0));
                            }
                            items.Add(item);
                            if (Id != ",") break;
                            Advance(",");
                        }
                    }
                    Advance("]", true);
                    return new ArrayNode(t.Position, items);
                }
            case "{": return ObjectBody(t.Position);
            case "|":
                {
                    var pattern = Expression(0);
                    Advance("|");
                    var update = Expression(0);
                    Node? delete = null;
                    if (Id == ",")
                    {
                        Advance(",");
                        delete = Expression(0);
                    }
                    Advance("|");
                    return new TransformNode(t.Position, pattern, update, delete);
                }
            default:
                throw new JsonataException("S0211", t.Position, $"The symbol \"{t.Text}\" cannot be used as a unary operator", t.Text);
        }
    }

    private ObjectNode ObjectBody(int position)
    {
        var pairs = new List<(Node, Node)>();
        if (Id != "}")
        {
            while (true)
            {
                var key = Expression(0);
                Advance(":");
                var value = Expression(0);
                pairs.Add((key, value));
                if (Id != ",") break;
                Advance(",");
            }
        }
        Advance("}", true);
        return new ObjectNode(position, pairs);
    }

    private Node Led(Token t, Node left)
    {
        var op = t.Text;
        if (PlainInfix.Contains(op)) return new BinaryNode(t.Position, op, left, Expression(BindingPowers[op]));
        switch (op)
        {
            case "(": return Call(t, left);
            case "[":
                if (Id == "]")
                {
                    var step = left;
                    while (step is BinaryNode { Op: "[" } predicate) step = predicate.Lhs;
                    step.KeepArray = true;
                    Advance("]");
                    return left;
                }
                else
                {
                    var rhs = Expression(0);
                    Advance("]", true);
                    return new BinaryNode(t.Position, "[", left, rhs);
                }
            case "^":
                {
                    Advance("(");
                    var terms = new List<SortTerm>();
                    while (true)
                    {
                        var descending = false;
                        if (Id == "<") Advance("<");
                        else if (Id == ">")
                        {
                            descending = true;
                            Advance(">");
                        }
                        terms.Add(new SortTerm(Expression(0), descending));
                        if (Id != ",") break;
                        Advance(",");
                    }
                    Advance(")");
                    return new BinaryNode(t.Position, "^", left, new SortNode(t.Position, terms));
                }
            case "{": return new BinaryNode(t.Position, "{", left, ObjectBody(t.Position));
            case ":=":
                if (left is not VariableNode)
                    throw new JsonataException("S0212", left.Position, "The left side of := must be a variable name (start with $)");
                return new BinaryNode(t.Position, ":=", left, Expression(BindingPowers[":="] - 1));
            case "@" or "#":
                {
                    var rhs = Expression(BindingPowers[op]);
                    if (rhs is not VariableNode)
                        throw new JsonataException("S0214", rhs.Position, $"The right side of \"{op}\" must be a variable name (start with $)", op);
                    return new BinaryNode(t.Position, op, left, rhs);
                }
            case "?":
                {
                    var then = Expression(0);
                    Node? otherwise = null;
                    if (Id == ":")
                    {
                        Advance(":");
                        otherwise = Expression(0);
                    }
                    return new ConditionNode(t.Position, left, then, otherwise);
                }
            default:
                throw new JsonataException("S0201", t.Position, $"Syntax error: \"{op}\"", op);
        }
    }

    private Node Call(Token t, Node procedure)
    {
        var arguments = new List<Node>();
        var partial = false;
        if (Id != ")")
        {
            while (true)
            {
                if (token.Type == TokenType.Operator && token.Text == "?")
                {
                    partial = true;
                    arguments.Add(new PlaceholderNode(token.Position));
                    Advance("?");
                }
                else
                {
                    arguments.Add(Expression(0));
                }
                if (Id != ",") break;
                Advance(",");
            }
        }
        Advance(")", true);
        if (procedure is NameNode { Name: "function" or "\u03BB" })
        {
            var parameters = new List<string>();
            for (var i = 0; i < arguments.Count; i++)
            {
                if (arguments[i] is not VariableNode variable)
                    throw new JsonataException("S0208", arguments[i].Position, $"Parameter {i + 1} of function definition must be a variable name (start with $)");
                parameters.Add(variable.Name);
            }
            Signature? signature = null;
            if (Id == "<")
            {
                var signaturePosition = token.Position;
                var depth = 1;
                var text = "<";
                while (depth > 0 && Id != "{" && Id != "(end)")
                {
                    var next = Advance(null);
                    if (next.Text == ">" && next.Type == TokenType.Operator) depth--;
                    else if (next.Text == "<" && next.Type == TokenType.Operator) depth++;
                    text += next.Text;
                }
                Advance(">");
                signature = Signature.Parse(text, signaturePosition);
            }
            Advance("{");
            var body = Expression(0);
            Advance("}");
            return new LambdaNode(t.Position, parameters, signature, body, false);
        }
        return new CallNode(t.Position, procedure, arguments, partial);
    }
}
