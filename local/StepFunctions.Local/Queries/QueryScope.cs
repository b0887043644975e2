using System.Text.Json.Nodes;
using Jsonata;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Queries;

/// <summary>What a JSONata expression of one state sees: <c>$states</c> (input, context, and result or
/// errorOutput where they exist) and the workflow variables visible from the state, as they were when the state
/// was entered. Failures it creates name the state's field, for the EvaluationFailed event and the cause.</summary>
public sealed class QueryScope
{
    private readonly Dictionary<string, JsonNode?> bindings;
    private readonly string causePrefix;

    private QueryScope(Dictionary<string, JsonNode?> variables, JsonNode? input, JsonObject context,
        JsonNode? result, bool hasResult, JsonNode? errorOutput, string causePrefix)
    {
        bindings = variables;
        this.causePrefix = causePrefix;
        var states = new JsonObject { ["input"] = input?.DeepClone(), ["context"] = context };
        if (hasResult)
        {
            states["result"] = result?.DeepClone();
        }
        if (errorOutput is not null)
        {
            states["errorOutput"] = errorOutput.DeepClone();
        }
        bindings["states"] = states;
    }

    /// <summary>The scope of a state with <paramref name="input"/>; <paramref name="result"/> once its work
    /// succeeded (Task, Parallel, Map), <paramref name="errorOutput"/> inside a Catch.</summary>
    public static QueryScope For(JsonNode? input, StateContext context, JsonNode? result = null, bool hasResult = false,
        JsonNode? errorOutput = null) =>
        new(context.Variables?.Snapshot() ?? new Dictionary<string, JsonNode?>(StringComparer.Ordinal),
            input, context.Build(), result, hasResult, errorOutput, context.CausePrefix);

    public IReadOnlyDictionary<string, JsonNode?> Bindings => bindings;

    /// <summary>The bindings in the evaluator's form, converted once for all the expressions of the state (its
    /// Arguments, Output, every Assign value) instead of once per expression.</summary>
    public IReadOnlyDictionary<string, JsonataValue> Values =>
        values ??= bindings.ToDictionary(b => b.Key, b => JsonataValue.From(b.Value), StringComparer.Ordinal);

    private Dictionary<string, JsonataValue>? values;

    /// <summary>States.QueryEvaluationError for <paramref name="field"/>.</summary>
    public QueryEvaluationException Fail(string field, string cause) => new(field, causePrefix + cause);
}

/// <summary>States.QueryEvaluationError, with the field it happened in (EvaluationFailed's "location").</summary>
public sealed class QueryEvaluationException(string location, string cause)
    : StatesException(StatesErrors.QueryEvaluationError, cause)
{
    public string Location { get; } = location;

    /// <summary>The expression of <paramref name="field"/> returned <paramref name="value"/>, which is not
    /// <paramref name="expected"/> (e.g. "a positive integer").</summary>
    public static QueryEvaluationException Returned(string field, JsonNode? value, string expected, StateContext context) =>
        new(field, $"{context.CausePrefix}The JSONata expression specified for the field '{field}' returned {Json.Serialize(value)}, which is not {expected}.");
}
