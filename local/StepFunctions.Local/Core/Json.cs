using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StepFunctions.Local.Core;

/// <summary>JSON helpers shared by the engine. Nodes flowing between states are treated as immutable.</summary>
public static class Json
{
    // Relaxed escaping keeps quotes readable inside history strings, as the AWS console and CLI show them.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses JSON text and materialises every container so that concurrent readers never race on
    /// JsonNode's lazy initialisation.</summary>
    public static JsonNode? Parse(string text)
    {
        var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 512 });
        Materialize(node);
        return node;
    }

    /// <summary>Forces lazily-backed JsonObject/JsonArray instances to build their children.</summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var pair in obj)
                {
                    Materialize(pair.Value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }
                break;
        }
    }

    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    /// <summary>A value as AWS quotes it in causes: a string's own text, anything else as JSON.</summary>
    public static string Describe(JsonNode? node) => IsString(node, out var text) ? text : Serialize(node);

    public static string SerializeIndented(JsonNode? node) => node is null ? "null" : node.ToJsonString(Indented);

    /// <summary>UTF-8 size of the compact serialisation, without building a string.</summary>
    public static int ByteSize(JsonNode? node)
    {
        if (node is null)
        {
            return 4;
        }
        var counter = new CountingBufferWriter();
        using (var writer = new Utf8JsonWriter(counter, WriterOptions))
        {
            node.WriteTo(writer);
        }
        return counter.Count;
    }

    /// <summary>Cheap check that the serialised size cannot exceed <paramref name="limit"/> bytes: walks the tree
    /// adding worst-case sizes (every character escaped), so small payloads never pay for a serialisation.</summary>
    public static bool FitsWithin(JsonNode? node, int limit)
    {
        var budget = (long)limit;
        return Spend(node, ref budget);
    }

    private static bool Spend(JsonNode? node, ref long budget)
    {
        switch (node)
        {
            case null:
                budget -= 4;
                break;
            case JsonObject obj:
                budget -= 2;
                foreach (var (key, value) in obj)
                {
                    budget -= key.Length * 6L + 4;
                    if (budget < 0 || !Spend(value, ref budget))
                    {
                        return false;
                    }
                }
                break;
            case JsonArray array:
                budget -= 2;
                foreach (var item in array)
                {
                    budget -= 1;
                    if (budget < 0 || !Spend(item, ref budget))
                    {
                        return false;
                    }
                }
                break;
            case JsonValue value:
                budget -= IsString(value, out var text) ? text.Length * 6L + 2 : 40;
                break;
        }
        return budget >= 0;
    }

    /// <summary>Returns a node that may be attached to a new parent: a copy when it already has one.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "unknown",
    };

    public static bool IsString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            // Handlers may create string-kind values from a Guid, char or DateTime; read those through their JSON.
            value = v.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(v.ToJsonString()) ?? "";
            return true;
        }
        value = "";
        return false;
    }

    public static bool IsNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && TryGetDouble(v, out value);
    }

    /// <summary>True for numbers with no fractional part that fit in a long.</summary>
    public static bool IsInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue(out value))
        {
            return true;
        }
        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }
        if (TryGetDouble(v, out var d) && Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    /// <summary>JsonValue.GetValue is strict about the CLR type a value was created with (an int is not a
    /// double), so numbers are read through whichever type they hold.</summary>
    private static bool TryGetDouble(JsonValue v, out double value)
    {
        if (v.TryGetValue(out value))
        {
            return true;
        }
        if (v.TryGetValue(out JsonElement element))
        {
            return element.TryGetDouble(out value);
        }
        value = v switch
        {
            _ when v.TryGetValue(out long l) => l,
            _ when v.TryGetValue(out int i) => i,
            _ when v.TryGetValue(out decimal m) => (double)m,
            _ when v.TryGetValue(out float f) => f,
            _ when v.TryGetValue(out short sh) => sh,
            _ when v.TryGetValue(out byte b) => b,
            _ when v.TryGetValue(out uint ui) => ui,
            _ when v.TryGetValue(out ulong ul) => ul,
            _ => double.NaN,
        };
        return !double.IsNaN(value);
    }

    public static bool IsBoolean(JsonNode? node, out bool value)
    {
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValue<bool>();
            return true;
        }
        value = false;
        return false;
    }

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] buffer = new byte[256];
        public int Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer;
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer;
        }

        private void Ensure(int sizeHint)
        {
            if (sizeHint > buffer.Length)
            {
                buffer = new byte[Math.Max(sizeHint, buffer.Length * 2)];
            }
        }
    }
}
