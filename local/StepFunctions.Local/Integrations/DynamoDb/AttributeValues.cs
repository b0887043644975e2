using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace StepFunctions.Local.Integrations.DynamoDb;

/// <summary>
/// DynamoDB's comparison of attribute values (<c>{"S": "…"}</c>, <c>{"N": "…"}</c>, <c>{"B": "…"}</c>, …): values of
/// different types are never equal and never ordered; strings order by their UTF-8 bytes, numbers by value, binary by
/// bytes. Sort keys order the same way.
/// </summary>
public static class AttributeValues
{
    public static string? TypeOf(JsonObject value) => value.Count == 1 ? value.First().Key : null;

    public static bool Compare(JsonObject? left, string op, JsonObject? right)
    {
        if (left is null || right is null)
        {
            return false;
        }
        if (TypeOf(left) != TypeOf(right))
        {
            return op == "<>";
        }
        if (op is "=" or "<>")
        {
            return JsonNode.DeepEquals(left, right) == (op == "=");
        }
        if (Order(left, right) is not { } order)
        {
            return false; // only strings, numbers and binary are ordered
        }
        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    /// <summary>The order of two values of one scalar type (S, N, B); null for other types or different ones.</summary>
    public static int? Order(JsonObject left, JsonObject right)
    {
        var type = TypeOf(left);
        if (type != TypeOf(right) || left[type!] is not JsonValue l || right[type!] is not JsonValue r)
        {
            return null;
        }
        return type switch
        {
            "S" => Bytes(Encoding.UTF8.GetBytes(l.GetValue<string>()), Encoding.UTF8.GetBytes(r.GetValue<string>())),
            "N" => decimal.Parse(l.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)
                .CompareTo(decimal.Parse(r.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            "B" => Bytes(Convert.FromBase64String(l.GetValue<string>()), Convert.FromBase64String(r.GetValue<string>())),
            _ => null,
        };
    }

    public static bool BeginsWith(JsonObject? value, JsonObject? prefix) =>
        value is not null && prefix is not null && TypeOf(value) == TypeOf(prefix) && TypeOf(value) is "S" or "B"
        && value[TypeOf(value)!]!.GetValue<string>() is var text && prefix[TypeOf(prefix)!]!.GetValue<string>() is var start
        && (TypeOf(value) == "S"
            ? text.StartsWith(start, StringComparison.Ordinal)
            : Convert.FromBase64String(text).AsSpan().StartsWith(Convert.FromBase64String(start)));

    /// <summary><c>contains(path, operand)</c>: a substring of a string, or an element of a set or list.</summary>
    public static bool Contains(JsonObject? value, JsonObject? operand)
    {
        if (value is null || operand is null)
        {
            return false;
        }
        return TypeOf(value) switch
        {
            "S" => TypeOf(operand) == "S" && value["S"]!.GetValue<string>().Contains(operand["S"]!.GetValue<string>(), StringComparison.Ordinal),
            "SS" or "NS" or "BS" => TypeOf(operand) == TypeOf(value)![..1] && value[TypeOf(value)!] is JsonArray set
                && set.Any(element => JsonNode.DeepEquals(element, operand[TypeOf(operand)!])),
            "L" => value["L"] is JsonArray list && list.Any(element => JsonNode.DeepEquals(element, operand)),
            _ => false,
        };
    }

    /// <summary><c>size(path)</c>: a string's length, binary's bytes, a set's, list's or map's elements.</summary>
    public static int? Size(JsonObject? value) => value is null ? null : TypeOf(value) switch
    {
        "S" => value["S"]!.GetValue<string>().Length,
        "B" => Convert.FromBase64String(value["B"]!.GetValue<string>()).Length,
        "SS" or "NS" or "BS" or "L" => value[TypeOf(value)!]!.AsArray().Count,
        "M" => value["M"]!.AsObject().Count,
        _ => null,
    };

    private static int Bytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);
}
