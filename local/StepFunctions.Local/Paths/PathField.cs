using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Paths;

/// <summary>InputPath / OutputPath / ItemsPath: <c>$</c> by default, JSON <c>null</c> meaning "an empty object".</summary>
public sealed class PathField
{
    public static readonly PathField Root = new(null, false, "$");
    public static readonly PathField Null = new(null, true, "null");

    private PathField(JsonPath? path, bool isNull, string text)
    {
        Path = path;
        IsNull = isNull;
        Text = text;
    }

    public JsonPath? Path { get; }
    public bool IsNull { get; }
    public string Text { get; }
    public bool IsRoot => Path is null && !IsNull;

    public static PathField Of(JsonPath path) => path.Text == "$" ? Root : new PathField(path, false, path.Text);

    /// <summary>Selects from <paramref name="input"/>. The result is shared: copy before attaching.</summary>
    public JsonNode? Apply(JsonNode? input, StateContext? context)
    {
        if (IsNull)
        {
            return new JsonObject();
        }
        if (Path is null)
        {
            return input;
        }
        var found = PathResolver.TryResolve(Path, input, context, out var value);
        if (!found)
        {
            throw StatesException.Runtime(context?.CausePrefix + Path.NoResultsCause);
        }
        return value;
    }
}
