using System.Text.Json.Nodes;

namespace Jsonata;

/// <summary>
/// The value of an expression: either <c>undefined</c> (no value at all; JSONata's empty sequence) or a JSON
/// value, where JSON <c>null</c> is <see cref="Value"/> == null with <see cref="IsUndefined"/> false.
/// A function value (an expression that evaluates to a lambda) converts to <c>""</c> like the reference's JSON output.
/// </summary>
public readonly struct JsonataResult
{
    private JsonataResult(bool isUndefined, JsonNode? value)
    {
        IsUndefined = isUndefined;
        Value = value;
    }

    public static JsonataResult Undefined { get; } = new(true, null);

    public static JsonataResult Of(JsonNode? value) => new(false, value);

    public bool IsUndefined { get; }

    /// <summary>The JSON value (null for JSON null); null as well when <see cref="IsUndefined"/>.</summary>
    public JsonNode? Value { get; }

    /// <summary>Compact JSON text, or "undefined".</summary>
    public override string ToString() => IsUndefined ? "undefined" : Value?.ToJsonString() ?? "null";
}
