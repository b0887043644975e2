using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>A state's setting (Seconds, TimeoutSeconds, MaxConcurrency, Error, ...) in the one form the parser
/// chose for it: a literal (checked when the definition was read), the value its <c>*Path</c> twin reads from the
/// input (JSONPath), or what a JSONata expression returns. The run-time forms check what they get with their
/// <see cref="SettingKind{T}"/>, which holds the field's range and AWS's wording.</summary>
public abstract class Setting<T>
{
    /// <param name="input">What the state's settings read: the effective input (JSONPath: after InputPath), or
    /// <c>$states.input</c> (JSONata).</param>
    public abstract T Resolve(JsonNode? input, StateContext context);
}

/// <summary>The value written in the definition.</summary>
public sealed class LiteralSetting<T>(T value) : Setting<T>
{
    public T Value { get; } = value;

    public override T Resolve(JsonNode? input, StateContext context) => Value;
}

/// <summary>A reference path (<c>SecondsPath</c>, <c>MaxConcurrencyPath</c>, ...) into the input.</summary>
public sealed class PathSetting<T>(JsonPath path, SettingKind<T> kind) : Setting<T>
{
    public override T Resolve(JsonNode? input, StateContext context) =>
        PathResolver.TryResolve(path, input, context, out var value)
            ? kind.FromPath(path.Text, value, context)
            : throw StatesException.Runtime(context.CausePrefix + kind.NotFound(path));
}

/// <summary>ErrorPath/CausePath: a path, a context path or an intrinsic function (its own causes when a path
/// finds nothing), whose value the kind then checks.</summary>
public sealed class ExpressionSetting<T>(ValueExpression expression, SettingKind<T> kind) : Setting<T>
{
    public override T Resolve(JsonNode? input, StateContext context) =>
        kind.FromPath(expression.Text, expression.Evaluate(input, context, kind.PathField), context);
}

/// <summary>A JSONata template (an expression, or a literal that only the run-time check can refuse).</summary>
public sealed class QuerySetting<T>(QueryTemplate query, SettingKind<T> kind) : Setting<T>
{
    public override T Resolve(JsonNode? input, StateContext context) =>
        kind.FromQuery(query.Field, query.Evaluate(QueryScope.For(input, context)), context);
}
