using StepFunctions.Local.Core;

namespace StepFunctions.Local.Execution;

/// <summary>The subscriber that keeps an execution's history for <see cref="ExecutionResult.History"/>.</summary>
internal sealed class HistoryRecorder : IExecutionSubscriber
{
    private readonly List<HistoryEvent> events = [];
    private readonly Lock gate = new();

    public IReadOnlyList<HistoryEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public void OnEvent(ExecutionEvent e)
    {
        if (e.InHistory)
        {
            lock (gate)
            {
                events.Add(e.ToHistoryEvent());
            }
        }
    }
}
