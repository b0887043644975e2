using System.Text.Json.Nodes;

namespace StepFunctions.Service.Protocol;

/// <summary>How the JSON 1.0 protocol writes values: dates as epoch seconds with fractions, no null members.</summary>
public static class ApiJson
{
    public static JsonNode Date(DateTimeOffset date) => JsonValue.Create(date.ToUnixTimeMilliseconds() / 1000.0);

    /// <summary>An object without its null members (AWS omits absent members rather than sending null).</summary>
    public static JsonObject Object(params (string Name, JsonNode? Value)[] members)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in members)
        {
            if (value is not null)
            {
                obj[name] = value;
            }
        }
        return obj;
    }

    public static JsonNode? Date(DateTimeOffset? date) => date is { } d ? Date(d) : null;

    public static JsonNode? String(string? value) => value is null ? null : JsonValue.Create(value);

    /// <summary>Pagination tokens are opaque to clients: a base64 cursor.</summary>
    public static string Token(long cursor) => Convert.ToBase64String(BitConverter.GetBytes(cursor));

    public static long ParseToken(string token)
    {
        try
        {
            var bytes = Convert.FromBase64String(token);
            if (bytes.Length == 8)
            {
                return BitConverter.ToInt64(bytes);
            }
        }
        catch (FormatException)
        {
        }
        throw new ApiException("InvalidToken", $"Invalid Token: '{token}' is not a token this server issued (pass the nextToken of the previous page).");
    }
}
