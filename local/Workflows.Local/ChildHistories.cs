using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace Workflows.Local;

/// <summary>
/// Writes the history of every child execution of a run, as GetExecutionHistory JSON, to
/// <c>artifacts/run/&lt;workflow&gt;.children/&lt;execution name&gt;.history.json</c> when the child ends. Subscribed
/// to the children only; events of several children may arrive at once (it locks).
/// </summary>
public sealed class ChildHistories(string directory) : IExecutionSubscriber
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<HistoryEvent>> running = new(StringComparer.Ordinal);
    private readonly List<string> written = [];

    /// <summary>The files written so far, in the order the children ended.</summary>
    public IReadOnlyList<string> Written
    {
        get
        {
            lock (gate)
            {
                return [.. written];
            }
        }
    }

    /// <summary>Empties the folder: it holds the children of the last run only.</summary>
    public static ChildHistories Fresh(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        return new ChildHistories(directory);
    }

    public void OnEvent(ExecutionEvent e)
    {
        if (!e.InHistory)
        {
            return;
        }
        lock (gate)
        {
            var arn = e.Execution.ExecutionArn;
            if (!running.TryGetValue(arn, out var events))
            {
                running[arn] = events = [];
            }
            events.Add(e.ToHistoryEvent());
            if (e is ExecutionEndedEvent)
            {
                running.Remove(arn);
                var path = Path.Combine(directory, $"{e.Execution.Name}.history.json");
                Directory.CreateDirectory(directory);
                WorkflowRunner.WriteAtomically(path, Json.SerializeIndented(new ExecutionResult
                {
                    ExecutionArn = arn,
                    Status = ((ExecutionEndedEvent)e).Status,
                    StartDate = e.Execution.StartTime,
                    StopDate = e.Timestamp,
                    History = events,
                }.HistoryToJson()));
                written.Add(path);
            }
        }
    }
}
