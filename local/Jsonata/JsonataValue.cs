using System.Text.Json.Nodes;
using Jsonata.Evaluation;

namespace Jsonata;

/// <summary>
/// A JSON document converted once into the evaluator's form, for evaluating several expressions (or one many
/// times) against the same data without converting it each time: e.g. a Step Functions state's <c>$states</c>
/// shared by its Arguments, Output and Assign. Immutable (later changes to the source JsonNode are not seen) and
/// safe to share between threads.
/// </summary>
public sealed class JsonataValue
{
    private JsonataValue(object? value) => Value = value;

    public static JsonataValue Undefined { get; } = new(null);

    internal object? Value { get; }

    public static JsonataValue From(JsonNode? node) => new(JsonConversion.FromNode(node));

    public static JsonataValue From(JsonataResult result) => result.IsUndefined ? Undefined : From(result.Value);
}
