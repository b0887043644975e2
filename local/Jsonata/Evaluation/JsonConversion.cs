using System.Globalization;
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
                {
                    var value = node.AsValue();
                    switch (value.GetValueKind())
                    {
                        case JsonValueKind.String: return value.GetValue<string>();
                        case JsonValueKind.True: return true;
                        case JsonValueKind.False: return false;
                        case JsonValueKind.Null: return JsonNull.Value;
                        case JsonValueKind.Number:
                            if (value.TryGetValue<double>(out var d)) return d;
                            return double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
                        default:
                            throw new JsonataException("D0001", 0, $"Unsupported JSON value: {value.ToJsonString()}");
                    }
                }
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
