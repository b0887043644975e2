using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local;
using StepFunctions.Local.Execution;

namespace Workflows.Local;

/// <summary>
/// Prints an execution the way the console's graph inspector reads: each state with its type, duration,
/// input and output; Lambda tasks with cold/warm, init time and the function's log lines; failed attempts.
/// A state is printed when it ends, so concurrent Map iterations never interleave their lines.
/// </summary>
public sealed class ConsoleView(TextWriter output) : ExecutionObserver
{
    private const int MaxJsonWidth = 160;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<(string Scope, string State), JsonNode?> inputs = new();
    private readonly ConcurrentDictionary<string, JsonObject?> taskFacts = new();

    public override void OnExecutionStarted(ExecutionInfo execution) =>
        Write($"▶ {execution.StateMachineName}  execution {execution.Name}", $"  input  {Compact(execution.Input)}", "");

    public override void OnStateEntered(StateEnteredEvent e) => inputs[(e.Scope, e.StateName)] = e.Input;

    public override void OnTaskSucceeded(TaskCompletedEvent e) => taskFacts[e.StateName] = e.Metadata;

    public override void OnTaskFailed(TaskCompletedEvent e)
    {
        taskFacts[e.StateName] = e.Metadata;
        var lines = new List<string> { $"  {e.StateName}  attempt failed after {Ms(e.Duration)}{Lambda(e.Metadata)}: {e.Error}", $"      cause  {Shorten(e.Cause)}" };
        lines.AddRange(Logs(e.Metadata));
        Write([.. lines]);
    }

    public override void OnStateExited(StateExitedEvent e)
    {
        taskFacts.TryRemove(e.StateName, out var facts);
        inputs.TryRemove((e.Scope, e.StateName), out var input);
        var lines = new List<string>
        {
            $"  {Name(e.Scope, e.StateName),-28} {e.StateType,-9} {Ms(e.Duration),9}{Lambda(facts)}",
            $"      in   {Compact(input)}",
            $"      out  {Compact(e.Output)}",
        };
        lines.AddRange(Logs(facts));
        Write([.. lines]);
    }

    public override void OnStateFailed(StateFailedEvent e)
    {
        inputs.TryRemove((e.Scope, e.StateName), out var input);
        Write($"  {Name(e.Scope, e.StateName),-28} {e.StateType,-9} {Ms(e.Duration),9}  FAILED {e.Error}",
            $"      in     {Compact(input)}", $"      cause  {Shorten(e.Cause)}");
    }

    private void Write(params string[] lines)
    {
        lock (gate)
        {
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }
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
