namespace Lambdas.Bench;

/// <summary>Order statistics of a sample, in milliseconds.</summary>
public sealed record Stats(int Count, double Min, double P50, double P90, double P99, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, sorted[0], Quantile(sorted, 0.50), Quantile(sorted, 0.90), Quantile(sorted, 0.99), sorted[^1]);
    }

    // Nearest-rank quantile: a value that was actually measured.
    private static double Quantile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => $"n={Count,-6} min {Min,8:F3}  p50 {P50,8:F3}  p90 {P90,8:F3}  p99 {P99,8:F3}  max {Max,8:F3} ms";
}
