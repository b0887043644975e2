using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Paths;

internal static class PathResolver
{
    /// <summary>Evaluates a path against the input, or against the context object for <c>$$</c> paths.</summary>
    public static bool TryResolve(JsonPath path, JsonNode? input, StateContext? context, out JsonNode? value)
    {
        if (path.IsContext)
        {
            value = null;
            return context is not null && context.TryEvaluate(path, out value);
        }
        return path.TryEvaluate(input, out value);
    }
}
