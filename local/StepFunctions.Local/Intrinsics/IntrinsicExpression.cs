using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Intrinsics;

/// <summary>An argument of an intrinsic call: a literal, a path, or a nested call.</summary>
public abstract class IntrinsicArgument
{
    internal abstract string Describe();
}

public sealed class LiteralArgument(JsonNode? value, string? formatTemplate) : IntrinsicArgument
{
    public JsonNode? Value { get; } = value;

    /// <summary>For string literals: the text with escaped braces kept apart from <c>{}</c> placeholders.</summary>
    public string? FormatTemplate { get; } = formatTemplate;

    internal override string Describe() => Value is JsonValue v && Json.IsString(v, out var s) ? $"'{s}'" : Json.Serialize(Value);
}

public sealed class PathArgument(JsonPath path) : IntrinsicArgument
{
    public JsonPath Path { get; } = path;

    internal override string Describe() => Path.Text;
}

/// <summary>A parsed call such as <c>States.Format('{}', $.x)</c>; compiled once per definition.</summary>
public sealed class IntrinsicCall(string name, IReadOnlyList<IntrinsicArgument> arguments, string text) : IntrinsicArgument
{
    public string Name { get; } = name;
    public IReadOnlyList<IntrinsicArgument> Arguments { get; } = arguments;
    public string Text { get; } = text;

    internal override string Describe() => Text;
}
