using System.Text.Encodings.Web;
using System.Text.Json;

namespace Build.Packaging;

/// <summary>One packaged function as Terraform reads it: zip path (relative), size and base64 SHA-256.</summary>
public sealed record ManifestEntry(string Zip, long Size, string Sha256);

/// <summary>
/// artifacts/lambdas/manifest.json (contract 1):
/// <c>{"format": 1, "functions": {"even": {"zip": "even.zip", "size": 1234, "sha256": "..."}}}</c>.
/// Written by hand with sorted keys so the file itself is reproducible too.
/// </summary>
public static class Manifest
{
    public const string FileName = "manifest.json";
    public const int Format = 1;

    public static byte[] Serialize(IReadOnlyDictionary<string, ManifestEntry> functions)
    {
        using var buffer = new MemoryStream();
        // The default encoder writes '+' as \u002B: valid JSON, but base64 hashes should read (and grep) as they are.
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            json.WriteStartObject("functions");
            foreach (var (name, entry) in functions.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(name);
                json.WriteString("zip", entry.Zip);
                json.WriteNumber("size", entry.Size);
                json.WriteString("sha256", entry.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; throws <see cref="PackagingException"/> with the file and the fix when malformed.</summary>
    public static IReadOnlyDictionary<string, ManifestEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new PackagingException($"{path} does not exist; run `make package` to create it.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetInt32() != Format)
            {
                throw new PackagingException($"{path} is not a format {Format} manifest; run `make package` to rewrite it.");
            }

            var functions = new SortedDictionary<string, ManifestEntry>(StringComparer.Ordinal);
            foreach (var function in root.GetProperty("functions").EnumerateObject())
            {
                functions[function.Name] = new ManifestEntry(
                    function.Value.GetProperty("zip").GetString() ?? "",
                    function.Value.GetProperty("size").GetInt64(),
                    function.Value.GetProperty("sha256").GetString() ?? "");
            }
            return functions;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new PackagingException($"{path} is not a valid manifest ({error.Message}); run `make package` to rewrite it.");
        }
    }
}
