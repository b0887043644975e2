using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local;

namespace Workflows.Local.Cli;

/// <summary>
/// make run's terminal view: prints an execution the way the web console's graph inspector reads: each state with its type, duration,
/// input and output; Lambda tasks with cold/warm, init time and the function's log lines; failed attempts.
/// A top-level state is printed when it ends. What ran inside it is printed beneath it as a tree: each Map
/// iteration (or Parallel branch) with its status and duration and its states, and each child execution a task
/// started (<c>states:startExecution</c>) with its own states, indented under that task; so concurrent
/// iterations and children never interleave their lines. Subscribe one view to the parent and to every child
/// execution (events of several executions may arrive at once: the view locks).
/// </summary>
public sealed class TerminalView(TextWriter output) : IExecutionSubscriber
{
    private const int MaxJsonWidth = 160;
    private const string Indent = "    ";
    private readonly Lock gate = new();
    private readonly Dictionary<(string Execution, string Scope, string State), JsonNode?> inputs = [];
    private readonly Dictionary<(string Execution, string Scope, string State), LambdaInvocationReport?> lambdaReports = [];

    // What ran beneath a state: its iterations or branches and the child executions it started.
    private readonly Dictionary<(string Execution, string Scope, string State), List<Block>> beneath = [];

    // Every iteration, branch ("<execution>|<scope>") and child execution ("<execution>|").
    private readonly Dictionary<string, Block> blocks = new(StringComparer.Ordinal);
    private string? root;

    /// <summary>The lines of one iteration, branch or child execution, each line with what ran beneath it.</summary>
    private sealed class Block(int order)
    {
        public int Order { get; } = order;
        public string Header { get; set; } = "";

        /// <summary>" name" when the iteration's item is an object with a name (a job of a manifest).</summary>
        public string? Label { get; set; }

        public DateTimeOffset Started { get; set; }

        /// <summary>The output of the block's last state: an iteration that caught its job's failure still succeeds,
        /// and its result says how the job ended.</summary>
        public JsonNode? LastOutput { get; set; }
        public List<(string Line, List<Block>? Nested)> Lines { get; } = [];
    }

    public void OnEvent(ExecutionEvent e)
    {
        lock (gate)
        {
            root ??= e.Execution.ExecutionArn;
            Handle(e);
        }
    }

    private void Handle(ExecutionEvent e)
    {
        var execution = e.Execution.ExecutionArn;
        switch (e)
        {
            case ExecutionStartedEvent started when execution == root:
                Write($"▶ {e.Execution.StateMachineName}  execution {e.Execution.Name}", $"  input  {Compact(started.Input)}", "");
                break;
            case ExecutionStartedEvent:
                BlockOf(execution, "").Started = e.Timestamp;
                break;
            case ExecutionEndedEvent ended when execution != root:
                var child = BlockOf(execution, "");
                child.Header = $"↳ {e.Execution.StateMachineName}  execution {e.Execution.Name}  {ended.Status.ToApiName()} in {Ms(e.Timestamp - child.Started)}"
                    + (ended.Error is null ? "" : $"  {ended.Error}");
                break;
            case MapIterationEvent { Type: "MapIterationStarted" }:
                var iteration = BlockOf(execution, e.Scope);
                iteration.Started = e.Timestamp;
                Owner(execution, e.Scope).Add(iteration);
                break;
            case MapIterationEvent ended:
                var done = BlockOf(execution, e.Scope);
                var iterationStatus = ended.Type["MapIteration".Length..].ToUpperInvariant();
                done.Header = $"[{ended.Index}]{done.Label}  {iterationStatus} in {Ms(e.Timestamp - done.Started)}"
                    + (done.LastOutput is JsonObject result && Json.IsString(result["status"], out var status) && status != iterationStatus
                        ? $"  → job {status} {(Json.IsString(result["error"], out var error) ? error : "")}".TrimEnd()
                        : "");
                break;
            case StateEnteredEvent entered:
                inputs[(execution, e.Scope, entered.StateName)] = entered.Input;
                if (e.Scope.Length > 0)
                {
                    Opened(execution, e.Scope, entered.Input);
                }
                break;
            case TaskSubmittedEvent submitted when submitted.Resource.ResourceType == "states" && Json.IsString(submitted.Output?["ExecutionArn"], out var childArn):
                // A child execution: its states go beneath the task that started it.
                Beneath(execution, e.Scope, submitted.StateName).Add(BlockOf(childArn, ""));
                break;
            case TaskSucceededEvent succeeded:
                lambdaReports[(execution, e.Scope, succeeded.StateName)] = succeeded.Lambda;
                break;
            case TaskFailedEvent failed:
                lambdaReports[(execution, e.Scope, failed.StateName)] = failed.Lambda;
                Add(execution, e.Scope, null,
                    [$"  {failed.StateName}  attempt failed after {Ms(failed.Duration)}{Lambda(failed.Lambda)}: {failed.Error}", $"      cause  {Shorten(failed.Cause)}", .. Logs(failed.Lambda)]);
                break;
            case StateExitedEvent exited:
                if (e.Scope.Length > 0)
                {
                    BlockOf(execution, e.Scope).LastOutput = exited.Output;
                }
                StateEnded(e, exited.StateName, $"{exited.StateType,-9} {Ms(exited.Duration),9}", exited.Output, null, null);
                break;
            case StateFailedEvent failed:
                StateEnded(e, failed.StateName, $"{failed.StateType,-9} {Ms(failed.Duration),9}  FAILED {failed.Error}", null, failed.Cause, failed.Error);
                break;
        }
    }

    /// <summary>The first state of an iteration names it; a Parallel branch has no start event, so its first state opens it.</summary>
    private void Opened(string execution, string scope, JsonNode? input)
    {
        if (!blocks.TryGetValue(execution + "|" + scope, out var block))
        {
            block = BlockOf(execution, scope);
            block.Header = scope.TrimEnd('/')[(scope.TrimEnd('/').LastIndexOf('/') + 1)..];
            Owner(execution, scope).Add(block);
        }
        block.Label ??= input is JsonObject item && Json.IsString(item["name"], out var name) ? " " + name : "";
    }

    private void StateEnded(ExecutionEvent e, string state, string summary, JsonNode? output, string? cause, string? error)
    {
        var key = (e.Execution.ExecutionArn, e.Scope, state);
        inputs.Remove(key, out var input);
        lambdaReports.Remove(key, out var lambda);
        beneath.Remove(key, out var nested);
        var lines = new List<string> { $"  {state,-28} {summary}{Lambda(lambda)}" };
        if (e.Execution.ExecutionArn == root && e.Scope.Length == 0)
        {
            lines.Add($"      in   {Compact(input)}");
            lines.Add(error is null ? $"      out  {Compact(output)}" : $"      cause  {Shorten(cause)}");
            lines.AddRange(Logs(lambda));
        }
        else if (error is not null)
        {
            lines.Add($"      cause  {Shorten(cause)}");
        }
        Add(e.Execution.ExecutionArn, e.Scope, nested, lines);
    }

    /// <summary>Prints at the root execution's top level; elsewhere keeps the lines in their block until its owner prints.</summary>
    private void Add(string execution, string scope, List<Block>? nested, IReadOnlyList<string> lines)
    {
        if (execution == root && scope.Length == 0)
        {
            Write([.. lines]);
            if (nested is not null)
            {
                Write([.. Render(nested, 1)]);
            }
            return;
        }
        var block = BlockOf(execution, scope);
        for (var i = 0; i < lines.Count; i++)
        {
            block.Lines.Add((lines[i], i == 0 ? nested : null));
        }
    }

    private static IEnumerable<string> Render(List<Block> nested, int depth)
    {
        var pad = string.Concat(Enumerable.Repeat(Indent, depth));
        foreach (var block in nested.OrderBy(b => b.Order))
        {
            yield return pad + "  " + block.Header;
            foreach (var (line, inner) in block.Lines)
            {
                yield return pad + Indent + line;
                foreach (var innerLine in inner is null ? [] : Render(inner, depth + 2))
                {
                    yield return innerLine;
                }
            }
        }
    }

    private Block BlockOf(string execution, string scope)
    {
        var id = execution + "|" + scope;
        if (!blocks.TryGetValue(id, out var block))
        {
            // Iterations in index order; branches and children in the order they started.
            var last = scope.TrimEnd('/');
            var order = last.EndsWith(']') && int.TryParse(last[(last.LastIndexOf('[') + 1)..^1], CultureInfo.InvariantCulture, out var index) ? index : blocks.Count;
            blocks[id] = block = new Block(order);
        }
        return block;
    }

    /// <summary>The blocks beneath the state that owns <paramref name="scope"/> (<c>Map[3]/</c> → Map, <c>Parallel#1/</c> → Parallel).</summary>
    private List<Block> Owner(string execution, string scope)
    {
        var trimmed = scope.TrimEnd('/');
        var parent = trimmed.Contains('/', StringComparison.Ordinal) ? trimmed[..(trimmed.LastIndexOf('/') + 1)] : "";
        var last = trimmed[parent.Length..];
        var cut = last.LastIndexOfAny(['[', '#']);
        return Beneath(execution, parent, cut > 0 ? last[..cut] : last);
    }

    private List<Block> Beneath(string execution, string scope, string state)
    {
        if (!beneath.TryGetValue((execution, scope, state), out var list))
        {
            beneath[(execution, scope, state)] = list = [];
        }
        return list;
    }

    private void Write(params string[] lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Lambda(LambdaInvocationReport? report) => report switch
    {
        null => "",
        { ColdStart: true, InitDuration: { } init } => $"  cold start (init {Ms(init)})",
        { ColdStart: true } => "  cold start",
        _ => "  warm",
    };

    private static IEnumerable<string> Logs(LambdaInvocationReport? report) =>
        report is null ? [] : report.Lines.Select(line => $"      log  {line.TrimEnd()}");

    public static string Ms(TimeSpan duration) => duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Compact(JsonNode? node) => Shorten(Json.Serialize(node));

    /// <summary>One line of at most the view's width: a multi-line text (the job net's cause) has its lines joined with ⏎.</summary>
    public static string Shorten(string? text)
    {
        var line = text?.ReplaceLineEndings(" ⏎ ") ?? "";
        return line.Length <= MaxJsonWidth ? line : string.Concat(line.AsSpan(0, MaxJsonWidth - 1), "…");
    }
}
