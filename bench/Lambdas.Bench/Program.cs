using Lambdas.Bench;

// Process-level figures for the Lambda bootstraps, with the goals from issues 10 and 24:
// the shipped Native AOT build against the ReadyToRun fallback, a framework-dependent JIT build and a minimal C
// program that only talks to the Runtime API (the floor of a cold start in this harness), side by side.
// Options: --starts N (cold starts per build, default 30), --warm N (warm invocations, default 10000),
//          --no-clean-package (skip timing a clean `make package`).
//          --compare BOOTSTRAP... (only compare those builds of even, e.g. publish settings; see build/README.md).
var starts = Option("--starts", 30);
var warmCount = Option("--warm", 10_000);
var timeCleanPackage = !args.Contains("--no-clean-package");
if (Array.IndexOf(args, "--compare") is var compareAt and >= 0)
{
    await Compare(args[(compareAt + 1)..].TakeWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToArray());
    return;
}
string PayloadOf(string name) => name switch
{
    "number-generator" => "{}",
    "odd" => """{"number": 7}""",
    "job-net" => """{"action": "validate", "manifest": {"run_id": "r", "jobs": []}, "settings": {"max_jobs": 20, "default_max_concurrency": 4, "workflows": {"container-task": 1800}}}""",
    _ => """{"number": 42}""",
};
const string Compared = "even"; // the function built all three ways

var shipped = Builds.Projects.Keys.ToDictionary(name => name, Builds.Shipped);
var readyToRun = Builds.ReadyToRun(Compared);
var jit = Builds.Jit(Compared);
var minimal = Builds.Minimal();
const string MinimalLabel = "minimal C program";
var load = new List<string> { LoadAverage() };

var variants = shipped.Select(f => (Label: $"{f.Key} AOT", Bootstrap: f.Value, Payload: PayloadOf(f.Key)))
    .Append((Label: $"{Compared} R2R fallback", Bootstrap: readyToRun, Payload: PayloadOf(Compared)))
    .Append((Label: $"{Compared} JIT", Bootstrap: jit, Payload: PayloadOf(Compared)))
    .Append((Label: MinimalLabel, Bootstrap: minimal, Payload: PayloadOf(Compared)))
    .ToList();
// Every build's files into the page cache first, so no measured start is a disk read.
foreach (var variant in variants)
{
    await ColdStart.MeasureAsync(variant.Bootstrap, variant.Payload, 2);
}

Console.WriteLine();
Console.WriteLine($"Cold start, process start -> first response at a local Runtime API ({starts} starts each, all builds interleaved)");
var measured = await ColdStart.MeasureInterleavedAsync(variants.Select(v => (v.Bootstrap, v.Payload)).ToList(), starts);
var cold = new Dictionary<string, Stats>();
for (var i = 0; i < variants.Count; i++)
{
    cold[variants[i].Label] = Stats.Of(measured[i].Cold);
    Console.WriteLine($"  {variants[i].Label,-22} cold {cold[variants[i].Label]}");
    Console.WriteLine($"  {"",-22} init {Stats.Of(measured[i].Init)}");
}
load.Add(LoadAverage());
var aot = cold[$"{Compared} AOT"];
var jitCold = cold[$"{Compared} JIT"];
var floor = cold[MinimalLabel];
Console.WriteLine($"  ratios of medians in this run: {Compared} AOT / minimal C {aot.P50 / floor.P50:F2}x, {Compared} JIT / AOT {jitCold.P50 / aot.P50:F1}x " +
    $"(load average {load[0]} -> {load[^1]})");

Console.WriteLine();
Console.WriteLine($"Warm invocations of {Compared}, one process ({warmCount:N0} after 1,000 warm-up); peak RSS after them");
var (roundTrip, inRuntime, peakRss) = await WarmInvocations.MeasureAsync(shipped[Compared], PayloadOf(Compared), 1000, warmCount);
var warm = Stats.Of(roundTrip);
Console.WriteLine($"  AOT  round trip   {warm}");
Console.WriteLine($"       in runtime   {Stats.Of(inRuntime)}");
Console.WriteLine($"       peak RSS     {peakRss / 1_000_000.0:F1} MB");
var (r2rRoundTrip, _, r2rPeakRss) = await WarmInvocations.MeasureAsync(readyToRun, PayloadOf(Compared), 1000, warmCount);
Console.WriteLine($"  R2R  round trip   {Stats.Of(r2rRoundTrip)}");
Console.WriteLine($"       peak RSS     {r2rPeakRss / 1_000_000.0:F1} MB");
load.Add(LoadAverage());

Console.WriteLine();
Console.WriteLine("Package size");
var zips = new Dictionary<string, long>();
foreach (var (name, bootstrap) in shipped)
{
    zips[name] = ZipSize.Packaged(name);
    Console.WriteLine($"  {name + " AOT",-22} zip {zips[name] / 1_000_000.0,6:F2} MB ({zips[name]:N0} bytes), bootstrap {new FileInfo(bootstrap).Length / 1_000_000.0:F2} MB");
}
foreach (var (label, bootstrap) in new[] { ($"{Compared} R2R fallback", readyToRun), ($"{Compared} JIT", jit) })
{
    var bytes = ZipSize.Zipped(bootstrap);
    Console.WriteLine($"  {label,-22} zip {bytes / 1_000_000.0,6:F2} MB ({bytes:N0} bytes), zipped as `make package` would");
}

TimeSpan? package = null;
if (timeCleanPackage)
{
    Console.WriteLine();
    Console.WriteLine($"Clean `make package` ({shipped.Count} functions, in a copy of the working tree elsewhere)");
    var before = LoadAverage();
    var (cleanTime, same) = CleanPackage.Measure();
    package = cleanTime;
    Console.WriteLine($"  {cleanTime.TotalSeconds:F1} s wall (load average before {before}, after {LoadAverage()}); " +
        $"zips {(same ? "byte-identical to" : "DIFFER from")} artifacts/lambdas/ (built at another path)");
}

Console.WriteLine();
Console.WriteLine($"Goals (machine load average while measuring, 1/5/15 min, {Environment.ProcessorCount} cores: {string.Join(" -> ", load)})");
var r2r = cold[$"{Compared} R2R fallback"];
Goal("cold start median <= 6 ms (every AOT function)", shipped.Keys.All(name => cold[$"{name} AOT"].P50 <= 6),
    string.Join(", ", shipped.Keys.Select(name => $"{name} {cold[$"{name} AOT"].P50:F1} ms")));
Goal("AOT within 2x of the minimal C program", aot.P50 / floor.P50 <= 2,
    $"{aot.P50 / floor.P50:F2}x on medians ({aot.P50:F1} vs {floor.P50:F1} ms), {aot.Min / floor.Min:F2}x on minimums");
Goal("AOT >= 6x faster than the R2R fallback", r2r.P50 / aot.P50 >= 6,
    $"{r2r.P50 / aot.P50:F1}x on medians ({r2r.P50:F1} vs {aot.P50:F1} ms), {r2r.Min / aot.Min:F1}x on minimums");
Goal("AOT >= 20x faster than framework-dependent JIT", jitCold.P50 / aot.P50 >= 20,
    $"{jitCold.P50 / aot.P50:F1}x on medians ({jitCold.P50:F1} vs {aot.P50:F1} ms), {jitCold.Min / aot.Min:F1}x on minimums");
Goal("warm round trip p50 <= 0.1 ms, p99 <= 0.3 ms", warm.P50 <= 0.1 && warm.P99 <= 0.3, $"p50 {warm.P50:F3} ms, p99 {warm.P99:F3} ms");
Goal("zip <= 1.5 MB (every function)", zips.Values.All(bytes => bytes <= 1_500_000),
    string.Join(", ", zips.Select(zip => $"{zip.Key} {zip.Value / 1_000_000.0:F2} MB")));
Goal($"peak RSS after {warmCount:N0} invocations <= 30 MB", peakRss <= 30_000_000, $"{peakRss / 1_000_000.0:F1} MB (R2R {r2rPeakRss / 1_000_000.0:F1} MB)");
if (package is { } elapsed)
{
    Goal("clean make package <= 120 s", elapsed.TotalSeconds <= 120, $"{elapsed.TotalSeconds:F1} s");
}

// Settings experiments: each build of even side by side with the minimal C program, cold starts interleaved.
async Task Compare(string[] bootstraps)
{
    var payload = PayloadOf("even");
    var minimal = Builds.Minimal();
    string[] all = [.. bootstraps, minimal];
    foreach (var bootstrap in all)
    {
        await ColdStart.MeasureAsync(bootstrap, payload, 2);
    }
    var before = LoadAverage();
    var results = await ColdStart.MeasureInterleavedAsync(all.Select(b => (b, payload)).ToList(), starts);
    var after = LoadAverage();
    var floor = Stats.Of(results[^1].Cold);
    Console.WriteLine($"minimal C program (the floor)");
    Console.WriteLine($"  cold {floor}");
    for (var i = 0; i < bootstraps.Length; i++)
    {
        var (roundTrip, _, rss) = await WarmInvocations.MeasureAsync(bootstraps[i], payload, 1000, warmCount);
        var cold = Stats.Of(results[i].Cold);
        Console.WriteLine($"{bootstraps[i]}");
        Console.WriteLine($"  cold {cold}  ({cold.P50 / floor.P50:F2}x the minimal C program's median)");
        Console.WriteLine($"  init {Stats.Of(results[i].Init)}");
        Console.WriteLine($"  warm {Stats.Of(roundTrip)}");
        Console.WriteLine($"  bootstrap {new FileInfo(bootstraps[i]).Length:N0} bytes, zip {ZipSize.Zipped(bootstraps[i]):N0} bytes, peak RSS {rss / 1_000_000.0:F1} MB");
    }
    Console.WriteLine($"load average {before} -> {after} (cold starts), {LoadAverage()} (after the warm runs)");
}

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;

static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

static void Goal(string goal, bool met, string figure) => Console.WriteLine($"  [{(met ? "met" : "MISSED")}] {goal}: {figure}");
