using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Intrinsics;
using StepFunctions.Local.Paths;

namespace StepFunctions.Local.Payloads;

/// <summary>The value of a <c>"key.$"</c> field (or of ErrorPath/CausePath): a path into the input, a context
/// path, or an intrinsic function call.</summary>
public sealed class ValueExpression
{
    private ValueExpression(string text, JsonPath? path, IntrinsicCall? call)
    {
        Text = text;
        Path = path;
        Call = call;
    }

    public string Text { get; }
    public JsonPath? Path { get; }
    public IntrinsicCall? Call { get; }

    /// <summary>Compiles the expression; throws <see cref="PathSyntaxException"/> with a readable message.</summary>
    public static ValueExpression Parse(string text)
    {
        if (IntrinsicParser.LooksLikeCall(text))
        {
            return new ValueExpression(text, null, IntrinsicParser.Parse(text));
        }
        if (text.StartsWith('$'))
        {
            return new ValueExpression(text, JsonPath.Parse(text), null);
        }
        throw new PathSyntaxException($"The value '{text}' is neither a path (starting with '$') nor an intrinsic function (starting with 'States.').");
    }

    /// <summary>Evaluates to a node the caller owns (safe to attach). <paramref name="field"/> names the field in
    /// error causes, like AWS does.</summary>
    public JsonNode? Evaluate(JsonNode? input, StateContext? context, string field)
    {
        if (Call is not null)
        {
            return IntrinsicFunctions.Evaluate(Call, input, context);
        }
        var path = Path!;
        var found = PathResolver.TryResolve(path, input, context, out var value);
        if (!found)
        {
            var where = path.IsContext ? "the context object" : $"the input '{Json.Serialize(input)}'";
            throw StatesException.Runtime($"{context?.CausePrefix}The JSONPath '{path.Text}' specified for the field '{field}' could not be found in {where}");
        }
        return path.IsDefinite ? value?.DeepClone() : value;
    }
}
