using Lambdas.Bench;

// Process-level figures for the Lambda bootstraps, with the goals from issue 2. Arguments: [starts] [warm invocations].
var starts = args.Length > 0 ? int.Parse(args[0]) : 20;
var warmCount = args.Length > 1 ? int.Parse(args[1]) : 10_000;
const string Payload = """{"number": 42}""";

var shipped = Builds.Projects.Keys.ToDictionary(name => name, Builds.Shipped);
var jit = Builds.Jit("even");

// Warm both variants' files into the page cache so the first measured start is not a disk read.
await ColdStart.MeasureAsync(shipped["even"], Payload, 2);
await ColdStart.MeasureAsync(jit, Payload, 2);

Console.WriteLine();
Console.WriteLine($"Cold start, process start -> first response ({starts} starts each, variants interleaved)");
var results = new Dictionary<string, Stats>();
foreach (var (name, bootstrap) in shipped.Where(f => f.Key != "even"))
{
    var (cold, init) = (await ColdStart.MeasureInterleavedAsync([bootstrap], name == "odd" ? """{"number": 7}""" : Payload, starts))[0];
    results[name] = Stats.Of(cold);
    Console.WriteLine($"  {name,-18} shipped  cold {Stats.Of(cold)}");
    Console.WriteLine($"  {"",-18}          init {Stats.Of(init)}");
}
// The comparison: shipped and JIT starts alternate, so both see the same machine load.
var pair = await ColdStart.MeasureInterleavedAsync([shipped["even"], jit], Payload, starts);
results["even"] = Stats.Of(pair[0].Cold);
var jitStats = Stats.Of(pair[1].Cold);
Console.WriteLine($"  {"even",-18} shipped  cold {results["even"]}");
Console.WriteLine($"  {"",-18}          init {Stats.Of(pair[0].Init)}");
Console.WriteLine($"  {"even",-18} JIT      cold {jitStats}");
Console.WriteLine($"  {"",-18}          init {Stats.Of(pair[1].Init)}");

Console.WriteLine();
Console.WriteLine($"Warm invocations of even, shipped bootstrap ({warmCount} after 1000 warm-up)");
var (roundTrip, inRuntime) = await WarmInvocations.MeasureAsync(shipped["even"], Payload, 1000, warmCount);
var warm = Stats.Of(roundTrip);
Console.WriteLine($"  round trip   {warm}");
Console.WriteLine($"  in runtime   {Stats.Of(inRuntime)}");

Console.WriteLine();
Console.WriteLine("Package size");
var zips = new Dictionary<string, long>();
foreach (var (name, bootstrap) in shipped)
{
    var (bytes, source) = ZipSize.Measure(name, bootstrap);
    zips[name] = bytes;
    Console.WriteLine($"  {name,-18} zip {bytes / 1_000_000.0,6:F2} MB ({bytes:N0} bytes), bootstrap {new FileInfo(bootstrap).Length / 1_000_000.0:F2} MB; {source}");
}

Console.WriteLine();
Console.WriteLine("Goals");
var evenCold = results["even"].P50;
Goal("cold start median <= 50 ms (even)", evenCold <= 50, $"{evenCold:F1} ms");
Goal("cold start >= 2.5x faster than JIT", jitStats.P50 / evenCold >= 2.5,
    $"{jitStats.P50 / evenCold:F2}x on medians ({jitStats.P50:F1} ms JIT), {jitStats.Min / results["even"].Min:F2}x on minimums");
Console.WriteLine($"  (machine load average while measuring: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores)");
Goal("warm p50 <= 0.3 ms (round trip)", warm.P50 <= 0.3, $"{warm.P50:F3} ms (p99 {warm.P99:F3} ms)");
Goal("zip <= 10 MB (largest)", zips.Values.Max() <= 10_000_000, $"{zips.Values.Max() / 1_000_000.0:F2} MB");

static void Goal(string goal, bool met, string figure) => Console.WriteLine($"  [{(met ? "met" : "MISSED")}] {goal}: {figure}");
