using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Execution;

/// <summary>A payload recorded by reference and serialised when the history is read. Safe because nodes that
/// flow between states are never mutated: every merge works on a copy.</summary>
internal sealed record LazyJson(JsonNode? Node);

/// <summary>The fields of one <c>*EventDetails</c> object, kept as plain values and turned into JSON only when
/// someone reads the history: most executions record far more events than anyone looks at.</summary>
public sealed class EventDetails
{
    /// <summary>Stands for <c>{"truncated": false}</c>, the inputDetails/outputDetails AWS attaches to payloads.</summary>
    internal static readonly object NotTruncated = new();

    private readonly (string Key, object? Value)[] fields;

    private EventDetails((string Key, object? Value)[] fields) => this.fields = fields;

    internal static EventDetails Of(params (string Key, object? Value)[] fields) => new(fields);

    public JsonObject ToJson()
    {
        var obj = new JsonObject();
        foreach (var (key, value) in fields)
        {
            obj[key] = value switch
            {
                null => null,
                string s => JsonValue.Create(s),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                bool b => JsonValue.Create(b),
                LazyJson lazy => JsonValue.Create(Json.Serialize(lazy.Node)),
                _ when ReferenceEquals(value, NotTruncated) => new JsonObject { ["truncated"] = false },
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return obj;
    }
}
