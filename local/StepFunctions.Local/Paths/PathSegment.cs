using StepFunctions.Local.Core;

namespace StepFunctions.Local.Paths;

internal enum SegmentKind
{
    Property,
    Index,
    Wildcard,
    Slice,
}

/// <summary>One step of a compiled path: <c>.name</c>, <c>['name']</c>, <c>[3]</c>, <c>[*]</c> or <c>[a:b]</c>.</summary>
internal readonly record struct PathSegment(SegmentKind Kind, string Name = "", int Index = 0, int? SliceStart = null, int? SliceEnd = null)
{
    public string ToBracket() => Kind switch
    {
        SegmentKind.Property => $"['{Name}']",
        SegmentKind.Index => $"[{Index}]",
        SegmentKind.Wildcard => "[*]",
        _ => $"[{SliceStart}:{SliceEnd}]",
    };
}
