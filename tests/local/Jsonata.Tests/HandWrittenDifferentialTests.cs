namespace Jsonata.Tests;

/// <summary>
/// Every operator, construct and standard function, compared with the reference. Each list goes to node in one
/// batch (one process per list, not per case); each case is its own test so a difference names its expression.
/// </summary>
public class HandWrittenDifferentialTests
{
    private static readonly Lazy<IReadOnlyList<Outcome>> OperatorReference = new(() => ReferenceJsonata.Evaluate(OperatorCases.All));
    private static readonly Lazy<IReadOnlyList<Outcome>> FunctionReference = new(() => ReferenceJsonata.Evaluate(FunctionCases.All));

    public static TheoryData<int> OperatorIndexes() => [.. Enumerable.Range(0, OperatorCases.All.Count)];

    public static TheoryData<int> FunctionIndexes() => [.. Enumerable.Range(0, FunctionCases.All.Count)];

    [Theory]
    [MemberData(nameof(OperatorIndexes))]
    public void Operator_matches_the_reference(int index) => AssertSame(OperatorCases.All[index], OperatorReference.Value[index]);

    [Theory]
    [MemberData(nameof(FunctionIndexes))]
    public void Function_matches_the_reference(int index) => AssertSame(FunctionCases.All[index], FunctionReference.Value[index]);

    private static void AssertSame(DifferentialCase c, Outcome expected)
    {
        var actual = ReferenceJsonata.EvaluateOurs(c);
        Assert.True(ReferenceJsonata.Same(actual, expected, ReferenceJsonata.HasConcurrentConstructor(c.Expression)), $"{c}\n  ours:      {actual}\n  reference: {expected}");
    }
}
