namespace StepFunctions.Service.Triggers;

/// <summary>
/// The schedule's clock: real time at the server's start, then running 1/TIME_SCALE times as fast, so that at
/// TIME_SCALE=0.01 a rate(1 minute) schedule fires every 0.6 s, as Wait states and retries are scaled. TIME_SCALE=0
/// (waits instant) would fire without end: the schedule then runs at <see cref="FastestScale"/>.
/// </summary>
public sealed class ScheduleClock(double timeScale, TimeProvider time)
{
    /// <summary>The fastest the schedule's clock runs: a thousand times real time.</summary>
    public const double FastestScale = 0.001;

    private readonly DateTimeOffset origin = time.GetUtcNow();

    public double Scale { get; } = Math.Max(timeScale, FastestScale);

    /// <summary>When the schedule began (rate expressions count from here).</summary>
    public DateTimeOffset Start => origin;

    /// <summary>The schedule's time now.</summary>
    public DateTimeOffset Now => origin + ((time.GetUtcNow() - origin) / Scale);

    /// <summary>The real time at which the schedule's clock shows <paramref name="when"/>: what a user watching the
    /// console waits for (the runs' start dates are real times too).</summary>
    public DateTimeOffset RealTimeOf(DateTimeOffset when) => origin + ((when - origin) * Scale);

    /// <summary>Waits until the schedule's clock reaches <paramref name="when"/>.</summary>
    public async Task WaitUntilAsync(DateTimeOffset when, CancellationToken cancellationToken)
    {
        var real = (when - Now) * Scale;
        if (real > TimeSpan.Zero)
        {
            await Task.Delay(real, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
