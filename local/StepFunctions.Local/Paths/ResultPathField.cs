using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Paths;

/// <summary>ResultPath: where a state's result goes inside its raw input. <c>$</c> replaces the input,
/// <c>null</c> discards the result, anything else is a reference path into a copy of the input.</summary>
public sealed class ResultPathField
{
    public static readonly ResultPathField Root = new(null, false);
    public static readonly ResultPathField Discard = new(null, true);

    private ResultPathField(JsonPath? path, bool discard)
    {
        Path = path;
        IsDiscard = discard;
    }

    public JsonPath? Path { get; }
    public bool IsDiscard { get; }

    public static ResultPathField Of(JsonPath path) => path.SegmentCount == 0 ? Root : new ResultPathField(path, false);

    public JsonNode? Apply(JsonNode? input, JsonNode? result, StateContext? context)
    {
        if (IsDiscard)
        {
            return input;
        }
        if (Path is null)
        {
            return result;
        }
        // The input may be shared with other branches, so the merge works on a copy.
        var root = input?.DeepClone();
        JsonNode? current = root;
        for (var i = 0; i < Path.SegmentCount; i++)
        {
            var segment = Path.Segment(i);
            var last = i == Path.SegmentCount - 1;
            var value = last ? result?.DeepClone() : null;
            switch (segment.Kind)
            {
                case SegmentKind.Property when current is JsonObject obj:
                    if (last)
                    {
                        obj[segment.Name] = value;
                    }
                    else
                    {
                        if (!obj.TryGetPropertyValue(segment.Name, out var child) || child is not (JsonObject or JsonArray))
                        {
                            child = new JsonObject();
                            obj[segment.Name] = child;
                        }
                        current = child;
                    }
                    break;
                case SegmentKind.Index when current is JsonArray array && segment.Index >= 0 && segment.Index < array.Count:
                    if (last)
                    {
                        array[segment.Index] = value;
                    }
                    else
                    {
                        current = array[segment.Index];
                    }
                    break;
                default:
                    throw new StatesException(StatesErrors.ResultPathMatchFailure,
                        $"{context?.CausePrefix}Unable to apply ResultPath '{Path.Text}' to input '{Json.Serialize(input)}'");
            }
        }
        return root;
    }
}
