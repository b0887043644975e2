using System.Text.Json;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Triggers;

/// <summary>
/// An EventBridge event pattern (the rule's <c>event_pattern</c>), matched as EventBridge matches: every field the
/// pattern names must match (AND); a field's array lists the values it may have (OR), each an exact value or a
/// filter (<c>{"prefix": "…"}</c>, <c>{"exists": true|false}</c>, <c>{"anything-but": …}</c>); a nested object matches
/// the event's object of that name; an array in the event matches when any of its values does.
/// </summary>
public sealed class EventPattern
{
    private readonly JsonObject pattern;

    private EventPattern(JsonObject pattern) => this.pattern = pattern;

    /// <summary>Reads a pattern, refusing what EventBridge's PutRule would refuse (an object of arrays and objects).</summary>
    public static EventPattern Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The event pattern is not valid JSON ({e.Message}).", nameof(json));
        }
        var pattern = root as JsonObject ?? throw new ArgumentException("The event pattern must be a JSON object.", nameof(json));
        Check(pattern, "");
        return new EventPattern(pattern);
    }

    public bool Matches(JsonObject @event) => Matches(pattern, @event);

    private static bool Matches(JsonObject pattern, JsonObject @event)
    {
        foreach (var (field, expected) in pattern)
        {
            var actual = @event[field];
            var matches = expected switch
            {
                JsonObject nested => actual is JsonObject inner && Matches(nested, inner),
                JsonArray alternatives => FieldMatches(alternatives, actual, @event.ContainsKey(field)),
                _ => false,
            };
            if (!matches)
            {
                return false;
            }
        }
        return true;
    }

    private static bool FieldMatches(JsonArray alternatives, JsonNode? actual, bool present)
    {
        // The event's values: an array matches when one of its elements does.
        IEnumerable<JsonNode?> values = actual is JsonArray many ? many : new[] { actual };
        foreach (var alternative in alternatives)
        {
            if (alternative is JsonObject filter && filter.ContainsKey("exists"))
            {
                if (filter["exists"]!.GetValue<bool>() == (present && actual is not JsonObject))
                {
                    return true;
                }
                continue;
            }
            if (present && values.Any(value => ValueMatches(alternative, value)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ValueMatches(JsonNode? alternative, JsonNode? value) => alternative switch
    {
        JsonObject filter when filter["prefix"] is JsonValue prefix =>
            value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().StartsWith(prefix.GetValue<string>(), StringComparison.Ordinal),
        JsonObject filter when filter.ContainsKey("anything-but") => filter["anything-but"] switch
        {
            JsonArray excluded => !excluded.Any(e => JsonNode.DeepEquals(e, value)),
            var excluded => !JsonNode.DeepEquals(excluded, value),
        },
        JsonObject => false,
        // An exact value: same JSON type and value (a number matches numerically, as EventBridge compares them).
        _ => JsonNode.DeepEquals(alternative, value)
            || (alternative is JsonValue a && value is JsonValue v && a.GetValueKind() == JsonValueKind.Number && v.GetValueKind() == JsonValueKind.Number
                && a.GetValue<decimal>() == v.GetValue<decimal>()),
    };

    private static void Check(JsonObject pattern, string path)
    {
        foreach (var (field, value) in pattern)
        {
            switch (value)
            {
                case JsonObject nested:
                    Check(nested, $"{path}{field}.");
                    break;
                case JsonArray alternatives:
                    foreach (var filter in alternatives.OfType<JsonObject>())
                    {
                        if (!filter.ContainsKey("prefix") && !filter.ContainsKey("exists") && !filter.ContainsKey("anything-but"))
                        {
                            throw new ArgumentException($"The event pattern's {path}{field} has a filter this local EventBridge does not know ({filter.ToJsonString()}); it knows exact values, prefix, exists and anything-but.");
                        }
                    }
                    break;
                default:
                    throw new ArgumentException($"The event pattern's {path}{field} must be an array of values (or an object of fields), as in {{\"source\": [\"{value}\"]}}.");
            }
        }
    }
}
