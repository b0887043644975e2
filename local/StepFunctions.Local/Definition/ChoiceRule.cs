using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Definition;

/// <summary>A top-level Choice rule: a condition, the state to go to when it holds, and how the state then ends
/// (the rule's Assign, and in JSONata its Output, instead of the state's).</summary>
public sealed record ChoiceRule(ChoiceCondition Condition, string Next, InputOutput.StateIo Io);

/// <summary>A JSONata Choice rule's Condition: an expression that must evaluate to a boolean.</summary>
public sealed class QueryCondition(Queries.QueryTemplate condition) : ChoiceCondition
{
    public override bool Evaluate(JsonNode? input, StateContext? context)
    {
        var value = condition.Evaluate(Queries.QueryScope.For(input, context!));
        return Json.IsBoolean(value, out var result)
            ? result
            : throw Queries.QueryEvaluationException.Returned(condition.Field, value, "a boolean", context!);
    }
}

/// <summary>A Boolean expression of a Choice state.</summary>
public abstract class ChoiceCondition
{
    public abstract bool Evaluate(JsonNode? input, StateContext? context);
}

public sealed class AndCondition(IReadOnlyList<ChoiceCondition> operands) : ChoiceCondition
{
    public override bool Evaluate(JsonNode? input, StateContext? context)
    {
        foreach (var operand in operands)
        {
            if (!operand.Evaluate(input, context))
            {
                return false;
            }
        }
        return true;
    }
}

public sealed class OrCondition(IReadOnlyList<ChoiceCondition> operands) : ChoiceCondition
{
    public override bool Evaluate(JsonNode? input, StateContext? context)
    {
        foreach (var operand in operands)
        {
            if (operand.Evaluate(input, context))
            {
                return true;
            }
        }
        return false;
    }
}

public sealed class NotCondition(ChoiceCondition operand) : ChoiceCondition
{
    public override bool Evaluate(JsonNode? input, StateContext? context) => !operand.Evaluate(input, context);
}

/// <summary>The comparison operators of the States Language.</summary>
public enum ComparisonOperator
{
    StringEquals, StringLessThan, StringGreaterThan, StringLessThanEquals, StringGreaterThanEquals, StringMatches,
    NumericEquals, NumericLessThan, NumericGreaterThan, NumericLessThanEquals, NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals, TimestampLessThan, TimestampGreaterThan, TimestampLessThanEquals, TimestampGreaterThanEquals,
    IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp,
}

/// <summary>A data-test expression: <c>Variable</c> compared with a literal or, for <c>…Path</c> operators,
/// with another path.</summary>
public sealed class ComparisonCondition(JsonPath variable, ComparisonOperator op, JsonNode? value, JsonPath? valuePath) : ChoiceCondition
{
    public JsonPath Variable { get; } = variable;
    public ComparisonOperator Operator { get; } = op;

    public override bool Evaluate(JsonNode? input, StateContext? context)
    {
        var found = PathResolver.TryResolve(Variable, input, context, out var actual);
        if (Operator == ComparisonOperator.IsPresent)
        {
            return Json.IsBoolean(value, out var expectPresent) && found == expectPresent;
        }
        if (!found)
        {
            throw StatesException.Runtime($"{context?.CausePrefix}Invalid path '{Variable.Text}': The choice state's condition path references an invalid value.");
        }
        var expected = value;
        if (valuePath is not null && !PathResolver.TryResolve(valuePath, input, context, out expected))
        {
            throw StatesException.Runtime($"{context?.CausePrefix}Invalid path '{valuePath.Text}': The choice state's condition path references an invalid value.");
        }
        return Compare(actual, expected);
    }

    private bool Compare(JsonNode? actual, JsonNode? expected)
    {
        switch (Operator)
        {
            case ComparisonOperator.IsNull:
                return Json.IsBoolean(expected, out var b1) && Json.IsNull(actual) == b1;
            case ComparisonOperator.IsNumeric:
                return Json.IsBoolean(expected, out var b2) && Json.IsNumber(actual, out _) == b2;
            case ComparisonOperator.IsString:
                return Json.IsBoolean(expected, out var b3) && Json.IsString(actual, out _) == b3;
            case ComparisonOperator.IsBoolean:
                return Json.IsBoolean(expected, out var b4) && Json.IsBoolean(actual, out _) == b4;
            case ComparisonOperator.IsTimestamp:
                return Json.IsBoolean(expected, out var b5) && (Json.IsString(actual, out var ts) && Timestamps.TryParse(ts, out _)) == b5;
            case ComparisonOperator.BooleanEquals:
                return Json.IsBoolean(actual, out var a) && Json.IsBoolean(expected, out var e) && a == e;
            case ComparisonOperator.StringMatches:
                return Json.IsString(actual, out var text) && Json.IsString(expected, out var pattern) && Wildcard.Matches(text, pattern);
        }
        var name = Operator.ToString();
        if (name.StartsWith("String", StringComparison.Ordinal))
        {
            return Json.IsString(actual, out var x) && Json.IsString(expected, out var y) && Holds(string.CompareOrdinal(x, y));
        }
        if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            if (Json.IsInteger(actual, out var li) && Json.IsInteger(expected, out var lj))
            {
                return Holds(li.CompareTo(lj));
            }
            return Json.IsNumber(actual, out var x) && Json.IsNumber(expected, out var y) && Holds(x.CompareTo(y));
        }
        return Json.IsString(actual, out var s1) && Json.IsString(expected, out var s2)
            && Timestamps.TryParse(s1, out var t1) && Timestamps.TryParse(s2, out var t2) && Holds(t1.CompareTo(t2));
    }

    private bool Holds(int comparison) => Operator switch
    {
        ComparisonOperator.StringEquals or ComparisonOperator.NumericEquals or ComparisonOperator.TimestampEquals => comparison == 0,
        ComparisonOperator.StringLessThan or ComparisonOperator.NumericLessThan or ComparisonOperator.TimestampLessThan => comparison < 0,
        ComparisonOperator.StringGreaterThan or ComparisonOperator.NumericGreaterThan or ComparisonOperator.TimestampGreaterThan => comparison > 0,
        ComparisonOperator.StringLessThanEquals or ComparisonOperator.NumericLessThanEquals or ComparisonOperator.TimestampLessThanEquals => comparison <= 0,
        _ => comparison >= 0,
    };
}

/// <summary>StringMatches: <c>*</c> matches any run of characters; <c>\*</c> and <c>\\</c> are literals.</summary>
internal static class Wildcard
{
    public static bool Matches(string text, string pattern) => Match(text, 0, pattern, 0);

    private static bool Match(string text, int t, string pattern, int p)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }
                if (p == pattern.Length)
                {
                    return true;
                }
                for (var k = t; k <= text.Length; k++)
                {
                    if (Match(text, k, pattern, p))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (c == '\\' && p + 1 < pattern.Length)
            {
                p++;
                c = pattern[p];
            }
            if (t >= text.Length || text[t] != c)
            {
                return false;
            }
            t++;
            p++;
        }
        return t == text.Length;
    }
}
