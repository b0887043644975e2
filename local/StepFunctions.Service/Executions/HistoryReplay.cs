using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Store;

namespace StepFunctions.Service.Executions;

/// <summary>What the executor needs to continue an execution from its stored history (a resume after a restart,
/// or a redrive): the recorded events with their places in the definition, what each exited state produced.</summary>
internal static class HistoryReplay
{
    /// <summary>The replay of <paramref name="execution"/> from its <paramref name="events"/> (all of them, in id
    /// order). A resume whose redrive never got its ExecutionRedriven event recorded is that redrive, started again.</summary>
    public static ExecutionReplay Of(ExecutionRecord execution, IReadOnlyList<StoredEvent> events, ReplayMode mode)
    {
        if (mode == ReplayMode.Resume && execution.RedriveCount > 0 && events.Count(e => e.Type == "ExecutionRedriven") < execution.RedriveCount)
        {
            mode = ReplayMode.Redrive;
        }
        return new ExecutionReplay
        {
            Mode = mode,
            StartTime = execution.StartDate,
            RedriveCount = execution.RedriveCount,
            RedriveTime = execution.RedriveDate,
            History = [.. events.Select(ToRecorded)],
        };
    }

    private static RecordedEvent ToRecorded(StoredEvent e)
    {
        var details = e.Details is null ? null : Json.Parse(e.Details) as JsonObject;
        var exited = e.Type.EndsWith("StateExited", StringComparison.Ordinal);
        return new RecordedEvent(e.Id, e.Type, e.ScopeKey)
        {
            StateName = details?["name"]?.GetValue<string>(),
            Visit = e.Visit,
            Next = e.Next,
            Output = exited && details?["output"] is JsonValue output ? Json.Parse(output.GetValue<string>()) : null,
            AssignedVariables = exited ? RecordedEvent.ParseAssigned(details?["assignedVariables"]) : null,
        };
    }
}
