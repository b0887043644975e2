using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>
/// Everything replay decides, in one place: an <see cref="ExecutionReplay"/> indexed for the runner (which state
/// visits exited: output, next state, exit event; which iterations/branches finished, by scope key) and, when
/// resuming, the events each scope recorded in the interrupted run, so that re-running an interrupted state does
/// not record them twice. Each <see cref="BranchScope"/> asks its <see cref="ScopeReplay"/>.
/// </summary>
internal sealed class ReplayLog
{
    private readonly Dictionary<(string Scope, string State, int Visit), RecordedEvent> exits = [];
    private readonly Dictionary<string, RecordedEvent> finishedScopes = new(StringComparer.Ordinal);
    private readonly HashSet<string> iterationsSucceeded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecordedEvent>> interrupted = new(StringComparer.Ordinal);
    private static readonly string IterationSucceeded = MapIterationEvent.TypeOf(MapIterationStatus.Succeeded);

    public ReplayLog(ExecutionReplay replay)
    {
        Mode = replay.Mode;
        LastId = replay.History.Count == 0 ? 0 : replay.History.Max(e => e.Id);
        foreach (var e in replay.History)
        {
            if (e.StateName is not null && StateExitedEvent.IsExit(e.Type))
            {
                exits[(e.ScopeKey, e.StateName, e.Visit)] = e;
                if (e.Next is null)
                {
                    finishedScopes[e.ScopeKey] = e;
                }
            }
            else if (e.Type == IterationSucceeded)
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
                if (replay.History[i].Type is ExecutionStartedEvent.EventType or ExecutionRedrivenEvent.EventType)
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

    /// <summary>Where a new top-level scope's events chain from: after the recorded ones when redriving; a
    /// resume finds its place event by event.</summary>
    public long FirstPreviousId => Mode == ReplayMode.Redrive ? LastId : 0;

    /// <summary>What replay knows of one scope (<see cref="ExecutionEvent.ScopeKey"/>).</summary>
    public ScopeReplay For(string scope) => new(this, scope,
        Mode == ReplayMode.Resume && interrupted.TryGetValue(scope, out var list) ? list : []);

    /// <summary>One scope's view: its exited states, whether it finished, and its place in the interrupted run.</summary>
    internal sealed class ScopeReplay(ReplayLog log, string scope, IReadOnlyList<RecordedEvent> interrupted)
    {
        private int replayed;

        /// <summary>The exit of <paramref name="state"/>'s <paramref name="visit"/>, if it exited before: it is not
        /// run again. A resume then continues after that exit in the interrupted run.</summary>
        public RecordedEvent? Exit(string state, int visit)
        {
            if (!log.exits.TryGetValue((scope, state, visit), out var exit))
            {
                return null;
            }
            if (replayed != int.MaxValue)
            {
                for (var i = replayed; i < interrupted.Count; i++)
                {
                    if (interrupted[i].Id == exit.Id)
                    {
                        replayed = i + 1;
                        break;
                    }
                }
            }
            return exit;
        }

        /// <summary>A finished iteration or branch: its output (the output of its last state). A Map iteration
        /// counts only when it succeeded.</summary>
        public bool TryGetFinished(bool isMapIteration, out JsonNode? output)
        {
            output = null;
            if (!log.finishedScopes.TryGetValue(scope, out var last) || (isMapIteration && !log.iterationsSucceeded.Contains(scope)))
            {
                return false;
            }
            output = last.Output;
            return true;
        }

        /// <summary>Resuming: the recorded event <paramref name="e"/> repeats, while the rerun follows the
        /// interrupted run step by step; null once it diverged or passed the interruption.</summary>
        public RecordedEvent? Repeated(ExecutionEvent e)
        {
            if (replayed < interrupted.Count && interrupted[replayed].Type == e.Type)
            {
                return interrupted[replayed++];
            }
            replayed = int.MaxValue; // Everything from here on is new.
            return null;
        }
    }
}
