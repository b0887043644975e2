using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StepFunctions.Local;

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
            value = v.GetValue<string>();
            return true;
        }
        value = "";
        return false;
    }

    public static bool IsNumber(JsonNode? node, out double value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            value = v.GetValue<double>();
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>True for numbers with no fractional part that fit in a long.</summary>
    public static bool IsInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue<long>(out value))
        {
            return true;
        }
        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }
        var d = v.GetValue<double>();
        if (Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }
        return false;
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
