using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jsonata.Tests;

/// <summary>One expression over one input document (null text = undefined input).</summary>
public sealed record DifferentialCase(string Expression, string? Data, string? Bindings = null)
{
    public override string ToString() => Expression + (Data == null ? "" : "  @ " + (Data.Length > 60 ? Data[..60] + "…" : Data));
}

/// <summary>The outcome of one case: a JSON value, undefined, or an error code.</summary>
public sealed record Outcome(bool IsUndefined, JsonNode? Value, string? Error)
{
    public override string ToString() =>
        Error != null ? "error " + Error : IsUndefined ? "undefined" : Value?.ToJsonString() ?? "null";
}

/// <summary>
/// Runs cases through the reference implementation (npm jsonata 2.0.6, installed in reference/ by
/// build/prerequisites.sh) in ONE node process per batch, and through our engine, and compares.
/// </summary>
public static class ReferenceJsonata
{
    public static string ReferenceFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ServerlessWorkflows.slnx"))) dir = dir.Parent;
            if (dir == null) throw new InvalidOperationException("Cannot find the repository root (ServerlessWorkflows.slnx) above " + AppContext.BaseDirectory);
            return Path.Combine(dir.FullName, "tests", "local", "Jsonata.Tests", "reference");
        }
    }

    public static IReadOnlyList<Outcome> Evaluate(IReadOnlyList<DifferentialCase> cases)
    {
        var folder = ReferenceFolder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "jsonata")))
            throw new InvalidOperationException($"The reference jsonata is not installed in {folder}: run `make prerequisites` (build/prerequisites.sh).");
        var batch = new JsonArray();
        foreach (var c in cases)
        {
            var item = new JsonObject { ["expr"] = c.Expression };
            if (c.Data != null) item["data"] = JsonNode.Parse(c.Data);
            if (c.Bindings != null) item["bindings"] = JsonNode.Parse(c.Bindings);
            batch.Add(item);
        }
        var start = new ProcessStartInfo("node", [Path.Combine(folder, "evaluate.js")])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(batch.ToJsonString());
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("The reference helper failed: " + stderr.Result);
        var results = JsonNode.Parse(stdout.Result)!.AsArray();
        return results.Select(r => r!["e"] is { } e ? new Outcome(false, null, e.GetValue<string>())
            : r!["u"] != null ? new Outcome(true, null, null)
            : new Outcome(false, r!["v"]?.DeepClone(), null)).ToList();
    }

    public static Outcome EvaluateOurs(DifferentialCase c)
    {
        try
        {
            var expression = JsonataExpression.Parse(c.Expression);
            var bindings = c.Bindings == null ? null
                : JsonNode.Parse(c.Bindings)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone());
            var input = c.Data == null ? JsonataResult.Undefined : JsonataResult.Of(JsonNode.Parse(c.Data));
            var result = expression.Evaluate(input, bindings);
            return result.IsUndefined ? new Outcome(true, null, null) : new Outcome(false, result.Value, null);
        }
        catch (JsonataException e)
        {
            return new Outcome(false, null, e.Code);
        }
    }

    /// <summary>
    /// Equal outcomes: same error code, both undefined, or equal JSON (objects unordered, numbers as doubles).
    /// Documented deviation: where the reference crashes with a JavaScript error (no JSONata code, e.g. a TypeError
    /// on a malformed picture), ours must raise a JSONata error instead.
    /// </summary>
    public static bool Same(Outcome ours, Outcome reference)
    {
        if (reference.Error?.StartsWith("JS:", StringComparison.Ordinal) == true) return ours.Error != null;
        if (ours.Error != null || reference.Error != null) return ours.Error == reference.Error;
        if (ours.IsUndefined || reference.IsUndefined) return ours.IsUndefined == reference.IsUndefined;
        return JsonEquals(ours.Value, reference.Value);
    }

    public static bool JsonEquals(JsonNode? a, JsonNode? b)
    {
        switch (a)
        {
            case null: return b == null;
            case JsonObject oa:
                {
                    if (b is not JsonObject ob || oa.Count != ob.Count) return false;
                    foreach (var (key, value) in oa)
                    {
                        if (!ob.TryGetPropertyValue(key, out var other) || !JsonEquals(value, other)) return false;
                    }
                    return true;
                }
            case JsonArray aa:
                {
                    if (b is not JsonArray ab || aa.Count != ab.Count) return false;
                    for (var i = 0; i < aa.Count; i++)
                    {
                        if (!JsonEquals(aa[i], ab[i])) return false;
                    }
                    return true;
                }
            default:
                {
                    if (b is not JsonValue vb) return false;
                    var va = a.AsValue();
                    if (va.GetValueKind() != vb.GetValueKind()) return false;
                    if (va.GetValueKind() == JsonValueKind.Number) return va.GetValue<double>() == vb.GetValue<double>();
                    return va.ToJsonString() == vb.ToJsonString();
                }
        }
    }

    /// <summary>Runs a batch through both; returns the cases that differ with both outcomes.</summary>
    public static List<(DifferentialCase Case, Outcome Ours, Outcome Reference)> Differences(IReadOnlyList<DifferentialCase> cases)
    {
        var reference = Evaluate(cases);
        var differences = new List<(DifferentialCase, Outcome, Outcome)>();
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = EvaluateOurs(cases[i]);
            if (!Same(ours, reference[i])) differences.Add((cases[i], ours, reference[i]));
        }
        return differences;
    }
}
