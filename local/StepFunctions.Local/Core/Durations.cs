namespace StepFunctions.Local.Core;

/// <summary>ASL allows waits and timeouts up to 99,999,999 seconds, but .NET timers stop at about 49.7 days.</summary>
internal static class Durations
{
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Waits in chunks short enough for Task.Delay.</summary>
    public static async Task DelayAsync(TimeSpan duration, CancellationToken token)
    {
        while (duration > TimeSpan.Zero)
        {
            var step = duration < MaxTimer ? duration : MaxTimer;
            await Task.Delay(step, token).ConfigureAwait(false);
            duration -= step;
        }
    }

    /// <summary>A timer longer than .NET can arm would outlive any local run: leave it unarmed.</summary>
    public static void CancelAfter(CancellationTokenSource source, TimeSpan duration)
    {
        if (duration < MaxTimer)
        {
            source.CancelAfter(duration);
        }
    }
}
