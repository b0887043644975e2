using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Protocol;

/// <summary>A request's JSON members, read with AWS's checks: a member of the wrong JSON type is a
/// SerializationException, a missing required one a ValidationException naming it.</summary>
public sealed class ApiRequest(JsonObject body)
{
    public JsonObject Body { get; } = body;

    /// <summary>Who sent it, in <see cref="Executions.StartedBy"/>'s words (console, cli, sdk): what StartExecution records.</summary>
    public string Caller { get; init; } = Executions.StartedBy.Sdk;

    public string? String(string member)
    {
        var node = Body[member];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        throw new ApiException("SerializationException", $"Expected a string for member '{member}' but found {node.GetValueKind().ToString().ToLowerInvariant()}.");
    }

    public string Required(string member) => String(member) ?? throw ApiException.MissingMember(member);

    public int? Int(string member, int min, int max) => Integer(member, min, max);

    public long? Long(string member, long min = 0, long max = long.MaxValue) => Integer(member, min, max);

    /// <summary>A number member that must fit <typeparamref name="T"/> (else a SerializationException, as AWS's
    /// parser reports it) and lie within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private T? Integer<T>(string member, T min, T max) where T : struct, INumber<T>
    {
        var node = Body[member];
        if (node is null)
        {
            return null;
        }
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<T>(out var n))
        {
            throw new ApiException("SerializationException", $"Expected an integer for member '{member}'.");
        }
        if (n < min || n > max)
        {
            throw ApiException.Validation(member, n, $"Member must have value between {min} and {max}");
        }
        return n;
    }

    /// <summary>A list of strings; null when absent.</summary>
    public IReadOnlyList<string>? Strings(string member) => Body[member] switch
    {
        null => null,
        JsonArray items when items.All(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String) =>
            [.. items.Select(item => item!.GetValue<string>())],
        _ => throw new ApiException("SerializationException", $"Expected a list of strings for member '{member}'."),
    };

    public bool? Bool(string member)
    {
        var node = Body[member];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }
        throw new ApiException("SerializationException", $"Expected a boolean for member '{member}'.");
    }

    public JsonObject? Object(string member) => Body[member] switch
    {
        null => null,
        JsonObject obj => obj,
        _ => throw new ApiException("SerializationException", $"Expected an object for member '{member}'."),
    };

    /// <summary>A string member with AWS's length limits (in characters).</summary>
    public string? Bounded(string member, int min, int max, bool required = false)
    {
        var value = required ? Required(member) : String(member);
        if (value is not null && (value.Length < min || value.Length > max))
        {
            throw ApiException.Validation(member, value.Length > 64 ? value[..64] + "…" : value,
                max == int.MaxValue ? $"Member must have length greater than or equal to {min}" : $"Member must have length less than or equal to {max}");
        }
        return value;
    }
}
