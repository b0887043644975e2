using System.Text.Json.Nodes;
using Jsonata;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Queries;

/// <summary>A JSONata state's field value (Arguments, Output, an Assign value, Items, Condition, Seconds, ...):
/// JSON in which every string of the form <c>"{% expression %}"</c>, at any depth, is a JSONata expression and every
/// other value a literal. Expressions are parsed once, when the definition is read.</summary>
public sealed class QueryTemplate
{
    private readonly Part root;

    private QueryTemplate(Part root, string field)
    {
        this.root = root;
        Field = field;
    }

    /// <summary>Where the value sits in its state, as AWS names it in causes: "Output", "Arguments/Input/x",
    /// "Choices[1]/Condition".</summary>
    public string Field { get; }

    /// <summary>True when no expression appears anywhere in the value.</summary>
    public bool IsLiteral => root is Literal;

    /// <summary>Compiles <paramref name="value"/>, reporting through <paramref name="report"/> every expression
    /// that does not parse (the template is then unusable) and every read AWS refuses when a definition is created:
    /// the top-level input (a bare field name, <c>$</c>, <c>$$</c>: a state's input is <c>$states.input</c>) and
    /// <c>$states.errorOutput</c> outside a Catcher (<paramref name="inCatch"/>).</summary>
    public static QueryTemplate Compile(JsonNode? value, string field, Action<QueryProblem> report, bool inCatch = false) =>
        new(CompilePart(value, field, report, inCatch), field);

    /// <summary>Evaluates against the state's <c>$states</c> and variables. An expression that fails, or that
    /// returns nothing where a value is needed, throws States.QueryEvaluationError naming the field.</summary>
    public JsonNode? Evaluate(QueryScope scope) => root.Evaluate(scope);

    /// <summary>Whether <paramref name="text"/> is a whole-string expression; returns its source.</summary>
    public static bool IsExpression(string text, out string source)
    {
        var trimmed = text.AsSpan();
        if (trimmed.Length >= 4 && trimmed.StartsWith("{%") && trimmed.EndsWith("%}"))
        {
            source = trimmed[2..^2].Trim().ToString();
            return true;
        }
        source = "";
        return false;
    }

    private static Part CompilePart(JsonNode? value, string field, Action<QueryProblem> report, bool inCatch)
    {
        switch (value)
        {
            case JsonObject obj:
                var members = obj.Select(p => (p.Key, CompilePart(p.Value, $"{field}/{p.Key}", report, inCatch))).ToList();
                return members.All(m => m.Item2 is Literal) ? new Literal(value) : new ObjectPart(members);
            case JsonArray array:
                var items = array.Select((item, i) => CompilePart(item, $"{field}[{i}]", report, inCatch)).ToList();
                return items.All(i => i is Literal) ? new Literal(value) : new ArrayPart(items);
            case JsonValue text when Json.IsString(text, out var s) && IsExpression(s, out var source):
                JsonataExpression expression;
                try
                {
                    expression = JsonataExpression.Parse(source);
                }
                catch (JsonataException e)
                {
                    // AWS's INVALID_JSONATA_EXPRESSION message is the parser's own sentence, without its code.
                    report(new QueryProblem(field, QueryProblemKind.Invalid, e.Message, e.Position));
                    return new Literal(null);
                }
                foreach (var name in expression.InputReferences())
                {
                    report(new QueryProblem(field, QueryProblemKind.Unsupported, name == "$$"
                        ? "Reference to '$$' is not supported."
                        : $"Reference to '{name}' at the top level is not supported.", null));
                }
                if (!inCatch && expression.VariableFields().Contains("states.errorOutput"))
                {
                    report(new QueryProblem(field, QueryProblemKind.Unsupported, "Field '$states.errorOutput' does not exist.", null));
                }
                return new ExpressionPart(expression, source, field);
            default:
                return new Literal(value);
        }
    }

    private abstract class Part
    {
        public abstract JsonNode? Evaluate(QueryScope scope);
    }

    private sealed class Literal(JsonNode? value) : Part
    {
        public override JsonNode? Evaluate(QueryScope scope) => value?.DeepClone();
    }

    private sealed class ObjectPart(List<(string Key, Part Value)> members) : Part
    {
        public override JsonNode? Evaluate(QueryScope scope)
        {
            var result = new JsonObject();
            foreach (var (key, value) in members)
            {
                result[key] = value.Evaluate(scope);
            }
            return result;
        }
    }

    private sealed class ArrayPart(List<Part> items) : Part
    {
        public override JsonNode? Evaluate(QueryScope scope)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                result.Add(item.Evaluate(scope));
            }
            return result;
        }
    }

    private sealed class ExpressionPart(JsonataExpression expression, string source, string field) : Part
    {
        public override JsonNode? Evaluate(QueryScope scope)
        {
            JsonataResult result;
            try
            {
                result = expression.Evaluate(JsonataValue.Undefined, scope.Values, StatesJsonata.Environment);
            }
            catch (JsonataException e)
            {
                throw scope.Fail(field, $"The JSONata expression '{source}' specified for the field '{field}' threw an error during evaluation{Describe(e)}");
            }
            if (result.IsUndefined)
            {
                throw scope.Fail(field, $"The JSONata expression '{source}' specified for the field '{field}' returned nothing (undefined).");
            }
            return result.Value;
        }

        // AWS ends the sentence with ". <code>: <message>" after a JSONata error and with ": <message>" after a bound
        // (stack overflow, memory), which has no code (TestState in us-east-1: `$eval("1+1")` gives ". T1006: Attempted
        // to invoke a non-function", a 200-term sum ": Stack overflow error: Check for non-terminating recursive
        // function. Consider rewriting as tail-recursive.", `[1..900000] ~> $count()` ": Expression evaluation memory
        // limit exceeded: Check for excessive memory usage"; floci issues #2736/#2737).
        private static string Describe(JsonataException e) => e is JsonataLimitException
            ? $": {e.Message}"
            : $". {e.Code}: {e.Message}";
    }
}

public enum QueryProblemKind
{
    /// <summary>The expression does not parse (INVALID_JSONATA_EXPRESSION).</summary>
    Invalid,

    /// <summary>The expression parses but reads something a state never has (UNSUPPORTED_JSONATA_EXPRESSION).</summary>
    Unsupported,
}

/// <summary>A problem in one expression of a field: where (<c>Output/v</c>), what, and for a parse error the
/// character offset in the expression.</summary>
public sealed record QueryProblem(string Field, QueryProblemKind Kind, string Message, int? Position);
