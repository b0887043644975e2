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
    private readonly ReplayLog.ScopeReplay? replay = runtime.Replay?.For(key);

    public ExecutionRuntime Runtime { get; } = runtime;
    public CancellationToken Token { get; } = token;
    public long LastEventId { get; private set; } = lastEventId;

    /// <summary>The last history event this branch published, if any.</summary>
    public ExecutionEvent? LastEvent { get; private set; }

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
        if (e.InHistory && replay?.Repeated(e) is { } recorded)
        {
            e.Execution = Runtime.Info;
            e.Id = recorded.Id;
            e.PreviousEventId = LastEventId;
            e.Timestamp = DateTimeOffset.UtcNow;
            e.Scope = Path;
            e.ScopeKey = Key;
            LastEventId = e.IsPassedBy ? LastEventId : recorded.Id;
            LastEvent = e;
            return recorded.Id;
        }
        var id = Runtime.Events.Publish(e, Path, Key, LastEventId);
        if (id > 0)
        {
            LastEventId = e.IsPassedBy ? LastEventId : id;
            LastEvent = e;
        }
        return id;
    }

    /// <summary>The next event points at <paramref name="eventId"/> instead of the latest one (AWS chains a failing
    /// Catcher's EvaluationFailed from before the state's failed event).</summary>
    public void ChainFrom(long eventId) => LastEventId = eventId;

    /// <summary>Counts a visit of <paramref name="state"/> and returns its number (1 the first time).</summary>
    public int Visit(string state) => visits[state] = visits.GetValueOrDefault(state) + 1;

    /// <summary>The current visit of a state running in this scope (for its Map iterations' and Parallel branches' keys).</summary>
    public int VisitOf(string state) => visits.GetValueOrDefault(state, 1);

    /// <summary>Replaying, a state visit that exited before is not run again: the branch continues after its exit
    /// event, with the variables it assigned, and <paramref name="result"/> passes its recorded output on.</summary>
    public bool TrySkip(string state, int visit, out StateResult result)
    {
        result = default;
        if (replay?.Exit(state, visit) is not { } exit)
        {
            return false;
        }
        Follow(exit.Id);
        if (exit.AssignedVariables is { } assigned)
        {
            Variables.Assign(assigned);
        }
        result = StateResult.Continue(exit.Output, exit.Next);
        return true;
    }

    /// <summary>Replaying, whether this iteration or branch finished before (a Map iteration: succeeded), and its output.</summary>
    public bool TryGetFinished(bool isMapIteration, out System.Text.Json.Nodes.JsonNode? output)
    {
        output = null;
        return replay?.TryGetFinished(isMapIteration, out output) == true;
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
