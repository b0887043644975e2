using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Paths;

internal static class PathResolver
{
    /// <summary>Evaluates a path against the input, or against the context object for <c>$$</c> paths.</summary>
    public static bool TryResolve(JsonPath path, JsonNode? input, StateContext? context, out JsonNode? value)
    {
        if (path.IsContext)
        {
            value = null;
            return context is not null && TryEvaluateContext(path, context, out value);
        }
        if (path.Variable is { } name)
        {
            value = null;
            return context?.Variables is { } variables && variables.TryGet(name, out var root) && path.TryEvaluate(root, 0, out value);
        }
        return path.TryEvaluate(input, out value);
    }

    /// <summary>The common context paths (<c>$$.Execution.Input…</c>, <c>$$.Map.Item.Value…</c>) read the live
    /// nodes without building the context object.</summary>
    private static bool TryEvaluateContext(JsonPath path, StateContext context, out JsonNode? result)
    {
        if (context.Execution.ContextOverlay is not null)
        {
            return path.TryEvaluate(context.Build(), 0, out result); // the overlay may replace any field
        }
        if (path.SegmentCount >= 2 && IsProperty(path, 0, "Execution") && IsProperty(path, 1, "Input"))
        {
            return path.TryEvaluate(context.Execution.Input, 2, out result);
        }
        if (path.SegmentCount >= 3 && IsProperty(path, 0, "Map") && IsProperty(path, 1, "Item") && IsProperty(path, 2, "Value"))
        {
            if (context.MapItemIndex is null)
            {
                result = null;
                return false;
            }
            return path.TryEvaluate(context.MapItemValue, 3, out result);
        }
        return path.TryEvaluate(context.Build(), 0, out result);
    }

    private static bool IsProperty(JsonPath path, int index, string name)
    {
        var segment = path.Segment(index);
        return segment.Kind == SegmentKind.Property && segment.Name == name;
    }
}
