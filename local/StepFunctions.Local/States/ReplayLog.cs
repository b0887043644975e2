using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>
/// An <see cref="ExecutionReplay"/> indexed for the runner: which state visits exited (output, next state,
/// exit event) and which iterations/branches finished, by scope key; and, when resuming, the events each scope
/// recorded in the interrupted run, so that re-running an interrupted state does not record them twice.
/// </summary>
internal sealed class ReplayLog
{
    private readonly Dictionary<(string Scope, string State, int Visit), RecordedEvent> exits = [];
    private readonly Dictionary<string, RecordedEvent> finishedScopes = new(StringComparer.Ordinal);
    private readonly HashSet<string> iterationsSucceeded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecordedEvent>> interrupted = new(StringComparer.Ordinal);

    public ReplayLog(ExecutionReplay replay)
    {
        Mode = replay.Mode;
        LastId = replay.History.Count == 0 ? 0 : replay.History.Max(e => e.Id);
        foreach (var e in replay.History)
        {
            if (e.StateName is not null && e.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                exits[(e.ScopeKey, e.StateName, e.Visit)] = e;
                if (e.Next is null)
                {
                    finishedScopes[e.ScopeKey] = e;
                }
            }
            else if (e.Type == "MapIterationSucceeded")
            {
                iterationsSucceeded.Add(e.ScopeKey);
            }
        }
        if (Mode == ReplayMode.Resume)
        {
            // The interrupted run is everything since the last ExecutionStarted/ExecutionRedriven.
            var start = 0;
            for (var i = 0; i < replay.History.Count; i++)
            {
                if (replay.History[i].Type is "ExecutionStarted" or "ExecutionRedriven")
                {
                    start = i;
                }
            }
            foreach (var e in replay.History.Skip(start))
            {
                if (!interrupted.TryGetValue(e.ScopeKey, out var list))
                {
                    interrupted[e.ScopeKey] = list = [];
                }
                list.Add(e);
            }
        }
    }

    public ReplayMode Mode { get; }
    public long LastId { get; }

    public bool TryGetExit(string scope, string state, int visit, out RecordedEvent exit) => exits.TryGetValue((scope, state, visit), out exit!);

    /// <summary>A finished iteration or branch: its output (the output of its last state).</summary>
    public bool TryGetFinished(string scope, bool isMapIteration, out JsonNode? output)
    {
        output = null;
        if (!finishedScopes.TryGetValue(scope, out var last) || (isMapIteration && !iterationsSucceeded.Contains(scope)))
        {
            return false;
        }
        output = last.Output;
        return true;
    }

    /// <summary>The events a scope recorded in the interrupted run, in order (empty when redriving).</summary>
    public IReadOnlyList<RecordedEvent> Interrupted(string scope) => interrupted.TryGetValue(scope, out var list) ? list : [];
}
