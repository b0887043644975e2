using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lambda.Local;

/// <summary>Who produced an error: the function (posted to /error or /init/error), the sandbox (crash, timeout), or the Lambda service.</summary>
public enum ErrorOrigin
{
    Function,
    Runtime,
    Service,
}

/// <summary>
/// A structured Lambda error. <see cref="Json"/> is the error document exactly as Lambda would return it
/// (what Step Functions puts in <c>Cause</c>); <see cref="ErrorType"/> is what <c>ErrorEquals</c> matches.
/// </summary>
public sealed record FunctionError(string ErrorType, string ErrorMessage, IReadOnlyList<string> StackTrace, string Json, ErrorOrigin Origin)
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An error made by the emulator itself (timeouts, crashes, limits).</summary>
    public static FunctionError Create(string errorType, string errorMessage, ErrorOrigin origin)
    {
        var json = $$"""{"errorMessage":{{JsonSerializer.Serialize(errorMessage, Relaxed)}},"errorType":{{JsonSerializer.Serialize(errorType, Relaxed)}}}""";
        return new FunctionError(errorType, errorMessage, [], json, origin);
    }

    /// <summary>Reads an error a runtime posted. A body that is not the documented shape is kept as the message.</summary>
    public static FunctionError Parse(byte[] body, string? errorTypeHeader)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var type = StringProperty(root, "errorType") ?? errorTypeHeader ?? "Runtime.Unknown";
                var message = StringProperty(root, "errorMessage") ?? "";
                var stack = root.TryGetProperty("stackTrace", out var s) && s.ValueKind == JsonValueKind.Array
                    ? s.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray()
                    : [];
                return new FunctionError(type, message, stack, text, ErrorOrigin.Function);
            }
        }
        catch (JsonException)
        {
            // Fall through: not JSON.
        }
        var fallback = Create(errorTypeHeader ?? "Runtime.Unknown", text, ErrorOrigin.Function);
        return fallback;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
