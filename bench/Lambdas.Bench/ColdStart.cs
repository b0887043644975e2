using System.Diagnostics;
using System.Text;
using Lambda.Local;

namespace Lambdas.Bench;

/// <summary>
/// Cold start: Process.Start → the first response received by the Runtime API (the event is queued before the
/// start, as Lambda holds it during init). Also reports init: start → first `next`.
/// </summary>
public static class ColdStart
{
    /// <summary>Starts each bootstrap in turn, <paramref name="starts"/> rounds: alternating keeps a shared, busy
    /// machine's load changes from favouring one variant.</summary>
    public static async Task<List<(List<double> Cold, List<double> Init)>> MeasureInterleavedAsync(
        IReadOnlyList<(string Bootstrap, string Payload)> variants, int starts)
    {
        var results = variants.Select(_ => (Cold: new List<double>(), Init: new List<double>())).ToList();
        for (var round = 0; round < starts; round++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                var (cold, init) = await MeasureAsync(variants[v].Bootstrap, variants[v].Payload, 1);
                results[v].Cold.AddRange(cold);
                results[v].Init.AddRange(init);
            }
        }
        return results;
    }

    public static async Task<(List<double> Cold, List<double> Init)> MeasureAsync(string bootstrap, string payload, int starts)
    {
        var cold = new List<double>();
        var init = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            PendingInvocation? pending = null;
            await using var run = await BenchProcess.StartAsync(bootstrap,
                server => pending = server.Enqueue(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(payload), TimeSpan.FromSeconds(30)));
            var outcome = await pending!.Completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (outcome.Error is not null)
            {
                throw new InvalidOperationException($"{bootstrap} answered {outcome.Error.ErrorType}: {outcome.Error.ErrorMessage}");
            }
            cold.Add(Stopwatch.GetElapsedTime(run.StartTimestamp, outcome.CompletedTimestamp).TotalMilliseconds);
            init.Add(Stopwatch.GetElapsedTime(run.StartTimestamp, await run.Server.FirstNext).TotalMilliseconds);
        }
        return (cold, init);
    }
}
