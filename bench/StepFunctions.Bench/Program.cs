using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Bench;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;
using StepFunctions.Local;

// Executions per second of the number processor and the time of a 10,000-item Map, on this engine and, in the
// same run, on aws-local-stepfunctions (bench/sfn-comparator, installed by `make bench-sfn`).
var executions = ArgInt(args, "--executions", 20_000);
var items = ArgInt(args, "--map-items", 10_000);
var runs = ArgInt(args, "--map-runs", 5);
var definitions = Definitions.Prepare();
var comparatorDir = ArgString(args, "--comparator", "");

var numberProcessor = LocalStateMachine.Create(File.ReadAllText(Path.Combine(definitions, Definitions.NumberProcessor)), "number-processor");
var handlers = Handlers.Resolver();
var rows = new List<(string Name, double Value, string Unit, double? Theirs)>();

Console.WriteLine($"StepFunctions.Local benchmark: {executions:N0} number-processor executions, Map over {items:N0} items (median of {runs}), {Environment.ProcessorCount} cores");

var withHistory = new ExecutionOptions { Resolver = handlers, TimeScale = 0 };
var noHistory = new ExecutionOptions { Resolver = handlers, TimeScale = 0, RecordHistory = false };
var lambdaShape = new ExecutionOptions { Resolver = Handlers.LambdaResolver(), TimeScale = 0 };
var npHistory = await Throughput(numberProcessor, withHistory, executions);
var npNoHistory = await Throughput(numberProcessor, noHistory, executions);
var npLambda = await Throughput(numberProcessor, lambdaShape, executions);
var npParallel = await ParallelThroughput(numberProcessor, withHistory, executions);
var jsonataMachine = LocalStateMachine.Create(File.ReadAllText(Path.Combine(definitions, "jsonata-variables.asl.json")), "jsonata-variables");
var jsonataNoHistory = await Throughput(jsonataMachine, noHistory, executions);

var itemArray = new JsonArray();
for (var i = 0; i < items; i++)
{
    itemArray.Add(i);
}
var mapInput = new JsonObject { ["items"] = itemArray };
var mapOptions = new ExecutionOptions { Resolver = handlers, TimeScale = 0, RecordHistory = false, MaxHistoryEvents = null };
var mapWithHistory = new ExecutionOptions { Resolver = handlers, TimeScale = 0, MaxHistoryEvents = null };
var map = new Dictionary<int, (double Plain, double History)>();
foreach (var concurrency in new[] { 0, 40 })
{
    var machine = LocalStateMachine.Create(File.ReadAllText(Path.Combine(definitions, $"map-{concurrency}.asl.json")), $"map-{concurrency}");
    map[concurrency] = (await MapSeconds(machine, mapInput, mapOptions, runs, items), await MapSeconds(machine, mapInput, mapWithHistory, runs, items));
}

var theirs = RunComparator(comparatorDir, definitions, executions, items, Math.Min(runs, 3));
double? TheirsAt(params string[] path)
{
    JsonNode? node = theirs;
    foreach (var p in path)
    {
        node = node?[p];
    }
    return node?.GetValue<double>();
}

Console.WriteLine();
Console.WriteLine($"{"figure",-58} {"StepFunctions.Local",20} {"aws-local-stepfunctions",24} {"ratio",7}");
Row("number processor, executions/s (history on)", npHistory, TheirsAt("numberProcessor", "perSecond"), higherIsBetter: true);
Row("number processor, executions/s (history off)", npNoHistory, TheirsAt("numberProcessor", "perSecond"), higherIsBetter: true);
Row("number processor, executions/s (Lambda integration shape)", npLambda, null, higherIsBetter: true);
Row($"number processor, executions/s ({Environment.ProcessorCount} concurrent callers)", npParallel, null, higherIsBetter: true);
Row("JSONata + variables machine, executions/s (history off)", jsonataNoHistory, null, higherIsBetter: true);
foreach (var (concurrency, seconds) in map)
{
    Row($"Map {items:N0} items, MaxConcurrency {concurrency}, seconds", seconds.Plain, TheirsAt("map", $"maxConcurrency{concurrency}", "medianSeconds"), higherIsBetter: false);
    Row($"Map {items:N0} items, MaxConcurrency {concurrency}, seconds (history on)", seconds.History, null, higherIsBetter: false);
}
if (theirs is null)
{
    Console.WriteLine("(aws-local-stepfunctions not measured: run `make bench-sfn`, which installs it with npm ci.)");
}
return 0;

void Row(string name, double ours, double? other, bool higherIsBetter)
{
    var ratio = other is { } o && o > 0 ? (higherIsBetter ? ours / o : o / ours).ToString("0.0x", CultureInfo.InvariantCulture) : "-";
    var otherText = other?.ToString("N3", CultureInfo.InvariantCulture) ?? "-";
    Console.WriteLine($"{name,-58} {ours,20:N3} {otherText,24} {ratio,7}");
}

// Warm up for a second (tiered JIT and PGO settle), then take the median of three timed rounds.
static async Task<double> Throughput(LocalStateMachine machine, ExecutionOptions options, int count)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed < TimeSpan.FromSeconds(1))
    {
        await Check(machine.ExecuteAsync(new JsonObject(), options));
    }
    var rounds = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await Check(machine.ExecuteAsync(new JsonObject(), options));
        }
        rounds.Add(count / watch.Elapsed.TotalSeconds);
    }
    rounds.Sort();
    return rounds[1];
}

static async Task<double> ParallelThroughput(LocalStateMachine machine, ExecutionOptions options, int count)
{
    var callers = Environment.ProcessorCount;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        for (var i = 0; i < count / callers; i++)
        {
            await Check(machine.ExecuteAsync(new JsonObject(), options));
        }
    })));
    return count / callers * callers / watch.Elapsed.TotalSeconds;
}

static async Task<double> MapSeconds(LocalStateMachine machine, JsonObject input, ExecutionOptions options, int runs, int items)
{
    var times = new List<double>();
    for (var run = 0; run <= runs; run++)
    {
        var watch = Stopwatch.StartNew();
        var result = await Check(machine.ExecuteAsync(input, options));
        var elapsed = watch.Elapsed.TotalSeconds;
        if (result.Output is not JsonArray output || output.Count != items || !Json.IsInteger(output[items - 1], out var last) || last != (items - 1) * 2L)
        {
            throw new InvalidOperationException("The Map produced an unexpected output.");
        }
        if (run > 0)
        {
            times.Add(elapsed); // run 0 warms up the JIT
        }
    }
    times.Sort();
    return times[times.Count / 2];
}

static async Task<ExecutionResult> Check(Task<ExecutionResult> running)
{
    var result = await running;
    if (result.Status != ExecutionStatus.Succeeded)
    {
        throw new InvalidOperationException($"Benchmark execution {result.StatusText}: {result.Error} {result.Cause}");
    }
    return result;
}

static JsonNode? RunComparator(string dir, string definitions, int executions, int items, int runs)
{
    if (dir.Length == 0 || !Directory.Exists(Path.Combine(dir, "node_modules", "aws-local-stepfunctions")))
    {
        return null;
    }
    var start = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { "bench.mjs", definitions, executions.ToString(CultureInfo.InvariantCulture), items.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(arg);
    }
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEnd();
    var stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        Console.Error.WriteLine($"aws-local-stepfunctions comparator failed ({process.ExitCode}): {stderr}");
        return null;
    }
    var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
    var parsed = JsonNode.Parse(line);
    Console.WriteLine($"comparator: {parsed?["engine"]} on node {parsed?["node"]}");
    return parsed;
}

static int ArgInt(string[] args, string name, int fallback) =>
    int.TryParse(ArgString(args, name, ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

static string ArgString(string[] args, string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

