using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>A thread of control: the top level, one Parallel branch, or one Map iteration. Keeps its own
/// previousEventId chain, cancellation (a failing sibling cancels the others), its workflow variables, how often
/// each state was entered, and, when resuming, its place in the events it recorded before the interruption.</summary>
internal sealed class BranchScope(ExecutionRuntime runtime, CancellationToken token, long lastEventId, string path, string key,
    VariableScope variables)
{
    private readonly Dictionary<string, int> visits = new(StringComparer.Ordinal);
    private IReadOnlyList<RecordedEvent>? interrupted;
    private int replayed;

    public ExecutionRuntime Runtime { get; } = runtime;
    public CancellationToken Token { get; } = token;
    public long LastEventId { get; private set; } = lastEventId;

    /// <summary>The type of the last history event this branch published, if any.</summary>
    public string? LastEventType { get; private set; }

    /// <summary>Where this branch sits, for subscribers ("" at top level).</summary>
    public string Path { get; } = path;

    /// <summary>Where this branch sits, unique in the execution (see <see cref="ExecutionEvent.ScopeKey"/>).</summary>
    public string Key { get; } = key;

    /// <summary>The workflow variables of this branch: the top level's, or an inner scope of a branch/iteration.</summary>
    public VariableScope Variables { get; } = variables;

    /// <summary>Publishes one event in this branch and returns its history id (0 when it is not a history event).
    /// Resuming, an event the interrupted run already recorded at this point keeps its id and is not published again.</summary>
    public long Publish(ExecutionEvent e)
    {
        if (e.InHistory && Replayed(e) is { } recorded)
        {
            e.Execution = Runtime.Info;
            e.Id = recorded.Id;
            e.PreviousEventId = LastEventId;
            e.Timestamp = DateTimeOffset.UtcNow;
            e.Scope = Path;
            e.ScopeKey = Key;
            LastEventId = e.IsPassedBy ? LastEventId : recorded.Id;
            LastEventType = e.Type;
            return recorded.Id;
        }
        var id = Runtime.Events.Publish(e, Path, Key, LastEventId);
        if (id > 0)
        {
            LastEventId = e.IsPassedBy ? LastEventId : id;
            LastEventType = e.Type;
        }
        return id;
    }

    /// <summary>The next event points at <paramref name="eventId"/> instead of the latest one (AWS chains a failing
    /// Catcher's EvaluationFailed from before the state's failed event).</summary>
    public void ChainFrom(long eventId) => LastEventId = eventId;

    /// <summary>The recorded event this one repeats, while the rerun follows the interrupted run step by step.</summary>
    private RecordedEvent? Replayed(ExecutionEvent e)
    {
        if (Runtime.Replay is not { Mode: ReplayMode.Resume } log)
        {
            return null;
        }
        interrupted ??= log.Interrupted(Key);
        if (replayed < interrupted.Count && interrupted[replayed].Type == e.Type)
        {
            return interrupted[replayed++];
        }
        replayed = int.MaxValue; // Diverged or past the interruption: everything from here on is new.
        return null;
    }

    /// <summary>Counts a visit of <paramref name="state"/> and returns its number (1 the first time).</summary>
    public int Visit(string state) => visits[state] = visits.GetValueOrDefault(state) + 1;

    /// <summary>The current visit of a state running in this scope (for its Map iterations' and Parallel branches' keys).</summary>
    public int VisitOf(string state) => visits.GetValueOrDefault(state, 1);

    /// <summary>A state skipped because it exited before: the branch continues after its exit event.</summary>
    public void Skip(RecordedEvent exit)
    {
        Follow(exit.Id);
        if (exit.AssignedVariables is { } assigned)
        {
            Variables.Assign(assigned);
        }
        if (Runtime.Replay is { Mode: ReplayMode.Resume } log && replayed != int.MaxValue)
        {
            interrupted ??= log.Interrupted(Key);
            for (var i = replayed; i < interrupted.Count; i++)
            {
                if (interrupted[i].Id == exit.Id)
                {
                    replayed = i + 1;
                    break;
                }
            }
        }
    }

    /// <summary>A Parallel branch or Map iteration: its own event chain and an inner variable scope.</summary>
    public BranchScope Child(CancellationToken token, string path, string key) =>
        new(Runtime, token, LastEventId, path, key, Variables.Inner());

    /// <summary>After branches join, the next event follows the latest event any of them recorded.</summary>
    public void Join(IEnumerable<BranchScope> children)
    {
        foreach (var child in children)
        {
            Follow(child.LastEventId);
        }
    }

    public void Follow(long eventId) => LastEventId = Math.Max(LastEventId, eventId);
}
