namespace Jsonata.Tests;

/// <summary>Every standard function, compared with the reference (one node process for the whole class).</summary>
public class FunctionDifferentialTests
{
    private static readonly Lazy<IReadOnlyList<Outcome>> Reference = new(() => ReferenceJsonata.Evaluate(FunctionCases.All));

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, FunctionCases.All.Count)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Matches_the_reference(int index)
    {
        var c = FunctionCases.All[index];
        var expected = Reference.Value[index];
        var actual = ReferenceJsonata.EvaluateOurs(c);
        Assert.True(ReferenceJsonata.Same(actual, expected), $"{c}\n  ours:      {actual}\n  reference: {expected}");
    }
}
