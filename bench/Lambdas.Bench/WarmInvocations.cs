using System.Diagnostics;
using System.Text;

namespace Lambdas.Bench;

/// <summary>
/// Warm overhead: one warm process, invocations back to back. Round trip = event queued → response received
/// (both HTTP legs, the loop, the handler); in runtime = event handed over by `next` → response received.
/// Peak RSS is the process's high-water mark after all of them.
/// </summary>
public static class WarmInvocations
{
    public static async Task<(List<double> RoundTrip, List<double> InRuntime, long PeakRssBytes)> MeasureAsync(string bootstrap, string payload, int warmup,
        int count)
    {
        await using var run = await BenchProcess.StartAsync(bootstrap);
        var bytes = Encoding.UTF8.GetBytes(payload);
        var roundTrip = new List<double>(count);
        var inRuntime = new List<double>(count);
        for (var i = 0; i < warmup + count; i++)
        {
            var queued = Stopwatch.GetTimestamp();
            var pending = run.Server.Enqueue(Guid.NewGuid().ToString(), bytes, TimeSpan.FromSeconds(30));
            var outcome = await pending.Completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (outcome.Error is not null)
            {
                throw new InvalidOperationException($"{outcome.Error.ErrorType}: {outcome.Error.ErrorMessage}");
            }
            if (i >= warmup)
            {
                roundTrip.Add(Stopwatch.GetElapsedTime(queued, outcome.CompletedTimestamp).TotalMilliseconds);
                inRuntime.Add(Stopwatch.GetElapsedTime(await pending.Dispatched.Task, outcome.CompletedTimestamp).TotalMilliseconds);
            }
        }
        return (roundTrip, inRuntime, run.PeakRssBytes());
    }
}
