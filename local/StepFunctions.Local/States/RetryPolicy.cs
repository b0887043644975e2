using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;

namespace StepFunctions.Local.States;

/// <summary>Retry intervals: IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, with optional
/// FULL jitter (a random delay between 0 and the computed one).</summary>
public static class RetryPolicy
{
    public static double DelaySeconds(Retrier retrier, int attempt, Random? random = null)
    {
        var delay = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, attempt);
        if (retrier.MaxDelaySeconds is { } max)
        {
            delay = Math.Min(delay, max);
        }
        if (retrier.FullJitter)
        {
            delay *= (random ?? Random.Shared).NextDouble();
        }
        return delay;
    }
}
