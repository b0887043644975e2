using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Definition;

internal static class ChoiceParser
{
    private static readonly Dictionary<string, ComparisonOperator> Operators = BuildOperators();

    private static Dictionary<string, ComparisonOperator> BuildOperators()
    {
        var map = new Dictionary<string, ComparisonOperator>(StringComparer.Ordinal);
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            map[op.ToString()] = op;
        }
        return map;
    }

    public static ChoiceStateDefinition Parse(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        var rules = new List<ChoiceRule>();
        var array = reader.Array(obj, "Choices", location, required: true);
        if (array is { Count: 0 })
        {
            reader.Error($"{location}/Choices", "Choices must contain at least one rule.");
        }
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            var loc = $"{location}/Choices[{i}]";
            if (array[i] is not JsonObject ruleObj)
            {
                reader.Error(loc, "A Choice rule must be an object.");
                continue;
            }
            var next = reader.String(ruleObj, "Next", loc, required: true);
            var jsonata = c.Language == QueryLanguage.Jsonata;
            var condition = jsonata ? ParseJsonataRule(ruleObj, location, loc, i, reader) : ParseCondition(ruleObj, loc, reader, topLevel: true);
            if (next is not null && condition is not null)
            {
                rules.Add(new ChoiceRule(condition, next, IoParser.Rule(c.Io, ruleObj, loc, location, i, reader)));
            }
        }
        return new ChoiceStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Io = c.Io,
            Choices = rules,
            Default = reader.String(obj, "Default", location),
        };
    }

    private static readonly HashSet<string> JsonataRuleFields = ["Condition", "Next", "Comment", "Assign", "Output"];

    /// <summary>A JSONata rule: one Condition expression (or a literal boolean).</summary>
    private static QueryCondition? ParseJsonataRule(JsonObject obj, string stateLocation, string location, int index, FieldReader reader)
    {
        reader.CheckAllowed(obj, location, "a JSONata Choice rule", JsonataRuleFields);
        var condition = reader.Query(obj, "Condition", stateLocation, $"Choices[{index}]/Condition");
        if (condition is null)
        {
            reader.Error(location, "A JSONata Choice rule needs a Condition, such as \"{% $states.input.count > 0 %}\".");
        }
        return condition is null ? null : new QueryCondition(condition);
    }

    private static ChoiceCondition? ParseCondition(JsonObject obj, string location, FieldReader reader, bool topLevel)
    {
        if (!topLevel && obj.ContainsKey("Next"))
        {
            reader.Error($"{location}/Next", "Only top-level Choice rules can have Next; nested rules inside And/Or/Not cannot.");
        }
        foreach (var (key, _) in obj)
        {
            if (key is not ("Next" or "Comment" or "Variable" or "And" or "Or" or "Not" or "Assign") && !Operators.ContainsKey(key) && !(key.EndsWith("Path", StringComparison.Ordinal) && Operators.ContainsKey(key[..^4])))
            {
                reader.Error($"{location}/{key}", $"Field '{key}' is not allowed in a Choice rule.");
            }
        }
        if (reader.Array(obj, "And", location) is { } and)
        {
            return new AndCondition(ParseList(and, $"{location}/And", reader));
        }
        if (reader.Array(obj, "Or", location) is { } or)
        {
            return new OrCondition(ParseList(or, $"{location}/Or", reader));
        }
        if (reader.Object(obj, "Not", location) is { } not)
        {
            var inner = ParseCondition(not, $"{location}/Not", reader, topLevel: false);
            return inner is null ? null : new NotCondition(inner);
        }
        var variable = reader.Path(obj, "Variable", location);
        if (variable is null)
        {
            if (!obj.ContainsKey("Variable"))
            {
                reader.Error(location, "A Choice rule needs And, Or, Not, or a Variable with one comparison operator.");
            }
            return null;
        }
        ComparisonCondition? result = null;
        var operatorCount = 0;
        foreach (var (key, value) in obj)
        {
            var isPath = !Operators.ContainsKey(key) && key.EndsWith("Path", StringComparison.Ordinal);
            if (!Operators.TryGetValue(isPath ? key[..^4] : key, out var op))
            {
                continue;
            }
            operatorCount++;
            if (isPath && op is ComparisonOperator.IsNull or ComparisonOperator.IsPresent or ComparisonOperator.IsNumeric or ComparisonOperator.IsString or ComparisonOperator.IsBoolean or ComparisonOperator.IsTimestamp)
            {
                reader.Error($"{location}/{key}", $"'{key}' is not an operator.");
                continue;
            }
            if (isPath)
            {
                var path = reader.Path(obj, key, location);
                if (path is not null)
                {
                    result = new ComparisonCondition(variable, op, null, path);
                }
                continue;
            }
            if (!ValueFits(op, value))
            {
                reader.Error($"{location}/{key}", $"'{key}' needs a {ExpectedType(op)} value, but has {Json.TypeName(value)}.");
                continue;
            }
            result = new ComparisonCondition(variable, op, value?.DeepClone(), null);
        }
        if (operatorCount != 1)
        {
            reader.Error(location, $"A Choice rule with a Variable needs exactly one comparison operator, but has {operatorCount}.");
            return null;
        }
        return result;
    }

    private static List<ChoiceCondition> ParseList(JsonArray array, string location, FieldReader reader)
    {
        var list = new List<ChoiceCondition>();
        if (array.Count == 0)
        {
            reader.Error(location, "And/Or needs at least one rule.");
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject o && ParseCondition(o, $"{location}[{i}]", reader, topLevel: false) is { } c)
            {
                list.Add(c);
            }
            else if (array[i] is not JsonObject)
            {
                reader.Error($"{location}[{i}]", "A Choice rule must be an object.");
            }
        }
        return list;
    }

    private static string ExpectedType(ComparisonOperator op)
    {
        var name = op.ToString();
        if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            return "number";
        }
        if (name.StartsWith("String", StringComparison.Ordinal) || name.StartsWith("Timestamp", StringComparison.Ordinal))
        {
            return "string";
        }
        return "boolean";
    }

    private static bool ValueFits(ComparisonOperator op, JsonNode? value) => ExpectedType(op) switch
    {
        "number" => Json.IsNumber(value, out _),
        "string" => Json.IsString(value, out var s) && (!op.ToString().StartsWith("Timestamp", StringComparison.Ordinal) || Timestamps.TryParse(s, out _)),
        _ => Json.IsBoolean(value, out _),
    };

}
