using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>One kind of setting value (Wait seconds, task seconds, a Map count, a percentage, a timestamp, a
/// Fail text): the field it is written in, what a literal must be, and the checks with AWS's causes for a value
/// read by a path or returned by an expression. Each check exists here once, whichever form carries the value.</summary>
public abstract class SettingKind<T>(string field)
{
    /// <summary>The field as written in ASL, e.g. "MaxConcurrency".</summary>
    public string Field { get; } = field;

    /// <summary>Its JSONPath twin, e.g. "MaxConcurrencyPath".</summary>
    public string PathField => Field + "Path";

    /// <summary>In a JSONata state, whether the field's value is compiled as a template (else it is a literal,
    /// checked when the definition is read): by default a <c>"{% … %}"</c> string.</summary>
    public virtual bool IsQuery(JsonNode? node) => Json.IsString(node, out var text) && QueryTemplate.IsExpression(text, out _);

    /// <summary>A literal written in the definition: its value, or the problem for the diagnostic.</summary>
    public abstract bool TryLiteral(JsonNode? node, out T value, out string problem);

    /// <summary>The cause when <see cref="PathField"/> matches nothing (AWS's general wording unless the kind has its own).</summary>
    public virtual string NotFound(JsonPath path) => path.NoResultsCause;

    /// <summary>The value <paramref name="path"/> found, checked; throws States.Runtime with AWS's cause.</summary>
    public abstract T FromPath(string path, JsonNode? value, StateContext context);

    /// <summary>What the expression of <paramref name="field"/> returned, checked; throws States.QueryEvaluationError.</summary>
    public abstract T FromQuery(string field, JsonNode? value, StateContext context);

    /// <summary>AWS reads Map's counts and percentages from an expression as any non-negative number up to 2^31-1.</summary>
    protected static double NonNegativeNumber(string field, JsonNode? value, StateContext context) =>
        Json.IsNumber(value, out var n) && n >= 0 && n <= int.MaxValue
            ? n
            : throw QueryEvaluationException.Returned(field, value, "a non-negative number", context);
}

/// <summary>A setting whose literal is an integer in a range.</summary>
public abstract class IntegerKind(string field, long min, long max) : SettingKind<long>(field)
{
    public long Min { get; } = min;
    public long Max { get; } = max;

    public override bool TryLiteral(JsonNode? node, out long value, out string problem) =>
        Literals.Integer(node, Field, Min, Max, out value, out problem);
}
