namespace Jsonata.Tests;

/// <summary>Every operator and construct, compared with the reference (one node process for the whole class).</summary>
public class OperatorDifferentialTests
{
    private static readonly Lazy<IReadOnlyList<Outcome>> Reference = new(() => ReferenceJsonata.Evaluate(OperatorCases.All));

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, OperatorCases.All.Count)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Matches_the_reference(int index)
    {
        var c = OperatorCases.All[index];
        var expected = Reference.Value[index];
        var actual = ReferenceJsonata.EvaluateOurs(c);
        Assert.True(ReferenceJsonata.Same(actual, expected), $"{c}\n  ours:      {actual}\n  reference: {expected}");
    }
}
