using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Jsonata;

// JSONata evaluation throughput: this engine vs the reference jsonata 2.0.6 on node (bench/sfn-comparator,
// installed by `make bench-sfn`), same expressions, same data, same run. Each side parses once and evaluates
// repeatedly for the same duration per expression.
var durationMs = args.SkipWhile(a => a != "--duration-ms").Skip(1).Select(int.Parse).FirstOrDefault(1500);
var comparator = args.SkipWhile(a => a != "--comparator").Skip(1).FirstOrDefault("bench/sfn-comparator");

var order = new JsonArray();
for (var i = 0; i < 100; i++)
{
    order.Add(new JsonObject
    {
        ["sku"] = $"SKU-{i:D4}",
        ["name"] = $"Product {i}",
        ["category"] = new[] { "hats", "coats", "shoes", "bags" }[i % 4],
        ["price"] = Math.Round(5 + i * 1.37 % 90, 2),
        ["quantity"] = 1 + i % 7,
        ["tags"] = new JsonArray("sale", i % 3 == 0 ? "new" : "old"),
    });
}
var data = new JsonObject
{
    ["states"] = new JsonObject
    {
        ["input"] = new JsonObject { ["orderId"] = "order-42", ["customer"] = new JsonObject { ["name"] = "Ada", ["tier"] = "gold" }, ["items"] = order },
        ["context"] = new JsonObject { ["Execution"] = new JsonObject { ["Id"] = "arn:aws:states:us-east-1:123456789012:execution:m:e" } },
    },
};

(string Name, string Expression)[] cases =
[
    ("field access", "states.input.customer.name"),
    ("filter + project", "states.input.items[price > 50].sku"),
    ("aggregate", "$sum(states.input.items.(price * quantity))"),
    ("object build", "{ 'id': states.input.orderId, 'who': states.input.customer.name & ' (' & states.input.customer.tier & ')', 'count': $count(states.input.items) }"),
    ("group by", "states.input.items{ category: $sum(quantity) }"),
    ("sort + map lambda", "$map(states.input.items^(>price)[[0..9]], function($i){ $uppercase($i.name) })"),
    ("string functions", "$join($split(states.context.Execution.Id, ':')[[3..5]], '/') & $substringAfter(states.input.orderId, '-')"),
    ("reduce", "$reduce(states.input.items.quantity, function($a, $b){ $a + $b }, 0)"),
    ("condition + exists", "$exists(states.input.customer.tier) and states.input.customer.tier = 'gold' ? 'priority' : 'standard'"),
    ("transform", "states.input ~> |items[category = 'hats']|{ 'price': price * 0.9 }, ['tags']|"),
];

// Both engines get the document in their native form once (node: a parsed object; here: a JsonataValue).
var prepared = JsonataValue.From(data);
var ours = Measure(expression => expression.Evaluate(prepared));
// The JsonNode overload converts the document on every call (what a host pays without JsonataValue).
var oursConverting = Measure(expression => expression.Evaluate(data));

Dictionary<string, double> Measure(Func<JsonataExpression, JsonataResult> evaluate)
{
    var figures = new Dictionary<string, double>();
    foreach (var (name, source) in cases)
    {
        var expression = JsonataExpression.Parse(source);
        for (var i = 0; i < 200; i++) evaluate(expression);
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.ElapsedMilliseconds < durationMs)
        {
            for (var i = 0; i < 50; i++) evaluate(expression);
            count += 50;
        }
        figures[name] = count / watch.Elapsed.TotalSeconds;
    }
    return figures;
}

var reference = RunReference(comparator, durationMs, cases, data);

Console.WriteLine($"JSONata evaluation throughput (evaluations/s; parse once, evaluate repeatedly; {durationMs} ms per expression per engine; {Environment.ProcessorCount} cores)");
Console.WriteLine($"{"expression",-22} {"Jsonata (C#)",14} {"jsonata 2.0.6 (node)",22} {"ratio",8}   {"C#, converting JsonNode per call",34}");
var ratios = new List<double>();
foreach (var (name, _) in cases)
{
    var theirs = reference?[name]?.GetValue<double>();
    var ratio = theirs is > 0 ? ours[name] / theirs.Value : (double?)null;
    if (ratio != null) ratios.Add(ratio.Value);
    Console.WriteLine($"{name,-22} {ours[name],14:N0} {(theirs == null ? "n/a" : theirs.Value.ToString("N0", CultureInfo.InvariantCulture)),22} {(ratio == null ? "n/a" : ratio.Value.ToString("0.0", CultureInfo.InvariantCulture) + "x"),8}   {oursConverting[name],34:N0}");
}
if (ratios.Count > 0)
{
    var geometricMean = Math.Exp(ratios.Average(Math.Log));
    Console.WriteLine($"{"geometric mean",-22} {"",14} {"",22} {geometricMean.ToString("0.0", CultureInfo.InvariantCulture) + "x",8}   (goal: >= 2x)");
}
Console.WriteLine("load: " + Uptime());

static JsonNode? RunReference(string folder, int durationMs, (string Name, string Expression)[] cases, JsonNode data)
{
    var script = Path.GetFullPath(Path.Combine(folder, "jsonata-bench.mjs"));
    if (!File.Exists(script) || !Directory.Exists(Path.Combine(folder, "node_modules", "jsonata")))
    {
        Console.Error.WriteLine($"reference jsonata not installed in {folder} (run `make bench-sfn`, which runs npm ci there); node figures skipped");
        return null;
    }
    var request = new JsonObject
    {
        ["durationMs"] = durationMs,
        ["cases"] = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["expression"] = c.Expression, ["data"] = data.DeepClone() })]),
    };
    var start = new ProcessStartInfo("node", [script]) { RedirectStandardInput = true, RedirectStandardOutput = true, WorkingDirectory = folder };
    using var process = Process.Start(start)!;
    process.StandardInput.Write(request.ToJsonString());
    process.StandardInput.Close();
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? JsonNode.Parse(output) : null;
}

static string Uptime()
{
    try
    {
        using var process = Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
    }
}
