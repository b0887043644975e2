using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations.EventBridge;

/// <summary>
/// An EventBridge target's input transformer: <c>input_paths</c> (variable → JSON path into the event, dot
/// notation) and <c>input_template</c> with <c>&lt;variable&gt;</c> placeholders, in the shape Terraform's
/// <c>input_transformer</c> block takes (terraform/templates/execution-notification.json). Inside quotes a value
/// is inserted as escaped text, outside as JSON; a path that matches nothing inserts an empty string, as EventBridge does.
/// </summary>
public sealed partial class InputTransformer(IReadOnlyDictionary<string, string> inputPaths, string inputTemplate)
{
    public IReadOnlyDictionary<string, string> InputPaths { get; } = inputPaths;
    public string InputTemplate { get; } = inputTemplate;

    /// <summary>Reads <c>{"input_paths": {...}, "input_template": "..."}</c>; a bad file names the problem.</summary>
    public static InputTransformer Parse(string json, string source)
    {
        try
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("it must hold a JSON object");
            var paths = root["input_paths"] as JsonObject ?? throw new FormatException("input_paths (an object of variable → JSON path) is missing");
            var template = Json.IsString(root["input_template"], out var text) ? text : throw new FormatException("input_template (a string) is missing");
            return new InputTransformer(paths.ToDictionary(p => p.Key, p => Json.IsString(p.Value, out var path) && path.StartsWith('$')
                ? path
                : throw new FormatException($"input_paths.{p.Key} must be a JSON path such as \"$.detail.status\"")), template);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not valid JSON: {e.Message}", e);
        }
        catch (FormatException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>The target input for <paramref name="eventJson"/>.</summary>
    public string Apply(JsonNode eventJson) => Placeholder().Replace(InputTemplate, match =>
    {
        var name = match.Groups["name"].Value;
        if (!InputPaths.TryGetValue(name, out var path))
        {
            return match.Value;
        }
        var value = Select(eventJson, path);
        var quoted = IsInsideQuotes(match.Index);
        return value switch
        {
            null => quoted ? "" : "null",
            JsonValue v when Json.IsString(v, out var text) => quoted ? Escape(text) : Json.Serialize(v),
            _ => quoted ? Escape(Json.Serialize(value)) : Json.Serialize(value),
        };
    });

    /// <summary>Dot notation with array indices: <c>$.detail.name</c>, <c>$.resources[0]</c>, <c>$.detail-type</c>.</summary>
    private static JsonNode? Select(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? segment : segment[..bracket];
            node = key.Length == 0 ? node : (node as JsonObject)?[key];
            if (bracket >= 0 && int.TryParse(segment[(bracket + 1)..^1], out var index))
            {
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    /// <summary>Whether the template has an odd number of unescaped quotes before <paramref name="position"/>.</summary>
    private bool IsInsideQuotes(int position)
    {
        var inside = false;
        for (var i = 0; i < position; i++)
        {
            if (InputTemplate[i] == '\\')
            {
                i++;
            }
            else if (InputTemplate[i] == '"')
            {
                inside = !inside;
            }
        }
        return inside;
    }

    /// <summary>The text as it stands between JSON quotes (quotes, backslashes and controls escaped).</summary>
    private static string Escape(string text) => Json.Serialize(JsonValue.Create(text))[1..^1];

    [GeneratedRegex("<(?<name>[A-Za-z0-9_.-]+)>")]
    private static partial Regex Placeholder();
}
