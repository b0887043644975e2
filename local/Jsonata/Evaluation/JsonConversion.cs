using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jsonata.Evaluation;

/// <summary>The edges of the evaluator: JsonNode in, JsonNode out (as JSON.stringify would render the value).</summary>
internal static class JsonConversion
{
    public static object FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsonNull.Value;
            case JsonObject obj:
                {
                    var result = new JObject();
                    foreach (var (key, value) in obj) result[key] = FromNode(value);
                    return result;
                }
            case JsonArray array:
                {
                    var result = new JArray(array.Count);
                    foreach (var item in array) result.Add(FromNode(item));
                    return result;
                }
            default:
                return FromValue(node.AsValue());
        }
    }

    /// <summary>A scalar, read without serialising it: documents parsed from text hold JsonElements; built ones hold CLR values.</summary>
    private static object FromValue(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element)) return FromElement(element);
        if (value.TryGetValue<string>(out var s)) return s;
        if (value.TryGetValue<double>(out var d)) return d;
        if (value.TryGetValue<bool>(out var b)) return b;
        if (value.TryGetValue<int>(out var i)) return (double)i;
        if (value.TryGetValue<long>(out var l)) return (double)l;
        if (value.TryGetValue<decimal>(out var m)) return (double)m;
        if (value.TryGetValue<float>(out var f)) return (double)f;
        return FromElement(JsonDocument.Parse(value.ToJsonString()).RootElement);
    }

    private static object FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String: return element.GetString()!;
            case JsonValueKind.Number: return element.GetDouble();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Null: return JsonNull.Value;
            case JsonValueKind.Array:
                {
                    var result = new JArray(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray()) result.Add(FromElement(item));
                    return result;
                }
            case JsonValueKind.Object:
                {
                    var result = new JObject();
                    foreach (var property in element.EnumerateObject()) result[property.Name] = FromElement(property.Value);
                    return result;
                }
            default:
                throw new JsonataException("D0001", 0, $"Unsupported JSON value: {element.GetRawText()}");
        }
    }

    public static JsonataResult ToResult(object? value)
    {
        if (value == null || value is JFunction) return JsonataResult.Undefined;
        return JsonataResult.Of(ToNode(value));
    }

    public static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null or JsonNull or JFunction:
                return null;
            case double d:
                return double.IsFinite(d) ? JsonValue.Create(d == 0 ? 0.0 : d) : null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case JArray array:
                {
                    var result = new JsonArray();
                    foreach (var item in array) result.Add(ToNode(item));
                    return result;
                }
            case JObject obj:
                {
                    var result = new JsonObject();
                    foreach (var (key, item) in obj)
                    {
                        if (item is JFunction) continue;
                        result[key] = ToNode(item);
                    }
                    return result;
                }
            default:
                return null;
        }
    }
}
