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

    /// <summary>Compiles <paramref name="value"/>; each expression that does not parse is reported through
    /// <paramref name="invalid"/> with its field path and the parser's message, and the template is then unusable.</summary>
    public static QueryTemplate Compile(JsonNode? value, string field, Action<string, string> invalid) =>
        new(CompilePart(value, field, invalid), field);

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

    private static Part CompilePart(JsonNode? value, string field, Action<string, string> invalid)
    {
        switch (value)
        {
            case JsonObject obj:
                var members = obj.Select(p => (p.Key, CompilePart(p.Value, $"{field}/{p.Key}", invalid))).ToList();
                return members.All(m => m.Item2 is Literal) ? new Literal(value) : new ObjectPart(members);
            case JsonArray array:
                var items = array.Select((item, i) => CompilePart(item, $"{field}[{i}]", invalid)).ToList();
                return items.All(i => i is Literal) ? new Literal(value) : new ArrayPart(items);
            case JsonValue text when Json.IsString(text, out var s) && IsExpression(s, out var source):
                try
                {
                    return new ExpressionPart(JsonataExpression.Parse(source), source, field);
                }
                catch (JsonataException e)
                {
                    invalid(field, e.Message);
                    return new Literal(null);
                }
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
                result = expression.Evaluate(JsonataResult.Undefined, scope.Bindings, StatesJsonata.Environment);
            }
            catch (JsonataException e)
            {
                throw scope.Fail(field, $"The JSONata expression '{source}' specified for the field '{field}' threw an error during evaluation. {Describe(e)}");
            }
            if (result.IsUndefined)
            {
                throw scope.Fail(field, $"The JSONata expression '{source}' specified for the field '{field}' returned nothing (undefined).");
            }
            return result.Value;
        }

        private static string Describe(JsonataException e) => e is JsonataLimitException && e.Code == "U1001"
            ? $"Stack overflow error: {e.Message}"
            : $"{e.Code}: {e.Message}";
    }
}
