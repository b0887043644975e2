using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>A thread of control: the top level, one Parallel branch, or one Map iteration. Keeps its own
/// previousEventId chain and cancellation (a failing sibling cancels the others).</summary>
internal sealed class BranchScope(ExecutionRuntime runtime, CancellationToken token, long lastEventId, string path)
{
    public ExecutionRuntime Runtime { get; } = runtime;
    public CancellationToken Token { get; } = token;
    public long LastEventId { get; private set; } = lastEventId;

    /// <summary>Where this branch sits, for subscribers ("" at top level).</summary>
    public string Path { get; } = path;

    /// <summary>Publishes one event in this branch and returns its history id (0 when it is not a history event).</summary>
    public long Publish(ExecutionEvent e)
    {
        var id = Runtime.Events.Publish(e, Path, LastEventId);
        if (id > 0)
        {
            LastEventId = id;
        }
        return id;
    }

    public BranchScope Child(CancellationToken token, string path) => new(Runtime, token, LastEventId, path);

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
