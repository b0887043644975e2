using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local;

namespace Workflows.Local;

/// <summary>
/// Prints an execution the way the console's graph inspector reads: each state with its type, duration,
/// input and output; Lambda tasks with cold/warm, init time and the function's log lines; failed attempts.
/// A state is printed when it ends, so concurrent Map iterations never interleave their lines.
/// </summary>
public sealed class ConsoleView(TextWriter output) : IExecutionSubscriber
{
    private const int MaxJsonWidth = 160;
    private readonly Dictionary<(string Scope, string State), JsonNode?> inputs = [];
    private readonly Dictionary<string, JsonObject?> taskFacts = [];

    /// <summary>Events arrive one at a time (see <see cref="IExecutionSubscriber"/>), so no locking is needed.</summary>
    public void OnEvent(ExecutionEvent e)
    {
        switch (e)
        {
            case ExecutionStartedEvent started:
                Write($"▶ {e.Execution.StateMachineName}  execution {e.Execution.Name}", $"  input  {Compact(started.Input)}", "");
                break;
            case StateEnteredEvent entered:
                inputs[(e.Scope, entered.StateName)] = entered.Input;
                break;
            case TaskSucceededEvent succeeded:
                taskFacts[succeeded.StateName] = succeeded.Metadata;
                break;
            case TaskFailedEvent failed:
                TaskFailed(failed);
                break;
            case StateExitedEvent exited:
                StateExited(exited);
                break;
            case StateFailedEvent failed:
                inputs.Remove((e.Scope, failed.StateName), out var input);
                Write($"  {Name(e.Scope, failed.StateName),-28} {failed.StateType,-9} {Ms(failed.Duration),9}  FAILED {failed.Error}",
                    $"      in     {Compact(input)}", $"      cause  {Shorten(failed.Cause)}");
                break;
        }
    }

    private void TaskFailed(TaskFailedEvent e)
    {
        taskFacts[e.StateName] = e.Metadata;
        var lines = new List<string> { $"  {e.StateName}  attempt failed after {Ms(e.Duration)}{Lambda(e.Metadata)}: {e.Error}", $"      cause  {Shorten(e.Cause)}" };
        lines.AddRange(Logs(e.Metadata));
        Write([.. lines]);
    }

    private void StateExited(StateExitedEvent e)
    {
        taskFacts.Remove(e.StateName, out var facts);
        inputs.Remove((e.Scope, e.StateName), out var input);
        var lines = new List<string>
        {
            $"  {Name(e.Scope, e.StateName),-28} {e.StateType,-9} {Ms(e.Duration),9}{Lambda(facts)}",
            $"      in   {Compact(input)}",
            $"      out  {Compact(e.Output)}",
        };
        lines.AddRange(Logs(facts));
        Write([.. lines]);
    }

    private void Write(params string[] lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Name(string scope, string state) => scope.Length == 0 ? state : $"{scope} › {state}";

    private static string Lambda(JsonObject? facts)
    {
        if (facts?["coldStart"] is not JsonValue cold)
        {
            return "";
        }

        return cold.GetValue<bool>() && facts["initDurationMs"] is JsonValue init
            ? $"  cold start (init {init.GetValue<double>().ToString("0.0", CultureInfo.InvariantCulture)} ms)"
            : cold.GetValue<bool>() ? "  cold start" : "  warm";
    }

    private static IEnumerable<string> Logs(JsonObject? facts) =>
        facts?["logs"] is JsonArray logs ? logs.Select(line => $"      log  {line?.GetValue<string>().TrimEnd()}") : [];

    public static string Ms(TimeSpan duration) => duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Compact(JsonNode? node) => Shorten(Json.Serialize(node));

    public static string Shorten(string? text) =>
        text is null ? "" : text.Length <= MaxJsonWidth ? text : string.Concat(text.AsSpan(0, MaxJsonWidth - 1), "…");
}
