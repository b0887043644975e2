using Xunit.Abstractions;

namespace Jsonata.Tests;

/// <summary>
/// A generated corpus of random well-formed expressions over random documents (fixed seed, so the corpus is the
/// same on every run), evaluated by the reference in one node process and by our engine: zero differences.
/// </summary>
public class GeneratedCorpusTests(ITestOutputHelper output)
{
    public const int Size = 6000;

    /// <summary>Fixed, so every run checks the same corpus; JSONATA_CORPUS_SEED explores another one.</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("JSONATA_CORPUS_SEED"), out var seed) ? seed : 20241201;

    public static IReadOnlyList<DifferentialCase> Corpus()
    {
        var generator = new ExpressionGenerator(Seed);
        var documents = Enumerable.Range(0, 200).Select(_ => generator.Document()).ToList();
        return [.. Enumerable.Range(0, Size).Select(i => new DifferentialCase(generator.Expression(), documents[i % documents.Count]))];
    }

    [Fact]
    public void The_generated_corpus_matches_the_reference()
    {
        var corpus = Corpus();
        var differences = ReferenceJsonata.Differences(corpus);
        var ours = corpus.Select(ReferenceJsonata.EvaluateOurs).ToList();
        var errors = ours.Count(o => o.Error != null);
        var reference = ReferenceJsonata.Evaluate(corpus);
        var exact = Enumerable.Range(0, corpus.Count).Count(i => ReferenceJsonata.Same(ours[i], reference[i]) && reference[i].Error?.StartsWith("JS:", StringComparison.Ordinal) != true);
        output.WriteLine($"generated corpus (seed {Seed}): {corpus.Count} cases ({corpus.Count - errors} values, {errors} error codes), " +
            $"{exact} identical, {corpus.Count - exact - differences.Count} equal under a documented deviation, {differences.Count} differences");
        Assert.True(differences.Count == 0,
            $"{differences.Count} of {corpus.Count} generated cases differ from the reference:\n" +
            string.Join("\n", differences.Take(25).Select(d => $"{d.Case}\n  ours:      {d.Ours}\n  reference: {d.Reference}")));
    }
}
