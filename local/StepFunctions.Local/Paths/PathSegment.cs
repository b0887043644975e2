namespace StepFunctions.Local.Paths;

internal enum SegmentKind
{
    Property,
    Index,
    Wildcard,
    Slice,

    /// <summary><c>..</c>: the node and every node below it, each then taking the next step.</summary>
    DeepScan,

    /// <summary><c>[?(…)]</c>.</summary>
    Filter,

    /// <summary><c>[0,2]</c>.</summary>
    IndexUnion,

    /// <summary><c>['a','b']</c>: as the last step, one object with the fields found (Jayway's merge).</summary>
    PropertyUnion,
}

/// <summary>One step of a compiled path: <c>.name</c>, <c>['name']</c>, <c>[3]</c>, <c>[*]</c>, <c>[a:b]</c>,
/// <c>..</c>, <c>[?(filter)]</c>, <c>[0,2]</c> or <c>['a','b']</c>.</summary>
internal readonly record struct PathSegment(SegmentKind Kind, string Name = "", int Index = 0, int? SliceStart = null, int? SliceEnd = null,
    PathFilter? Filter = null, int[]? Indexes = null, string[]? Names = null)
{
    public string ToBracket() => Kind switch
    {
        SegmentKind.Property => $"['{Name}']",
        SegmentKind.Index => $"[{Index}]",
        SegmentKind.Wildcard => "[*]",
        SegmentKind.DeepScan => "..",
        SegmentKind.Filter => $"[?({Filter!.Text})]",
        SegmentKind.IndexUnion => $"[{string.Join(",", Indexes!)}]",
        SegmentKind.PropertyUnion => $"[{string.Join(",", Names!.Select(n => $"'{n}'"))}]",
        _ => $"[{SliceStart}:{SliceEnd}]",
    };
}
