using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jsonata.Tests;

/// <summary>One expression over one input document (null text = undefined input).</summary>
public sealed record DifferentialCase(string Expression, string? Data, string? Bindings = null)
{
    public override string ToString() => Expression + (Data == null ? "" : "  @ " + (Data.Length > 60 ? Data[..60] + "…" : Data));
}

/// <summary>The outcome of one case: a JSON value, undefined, or an error code and its message.</summary>
public sealed record Outcome(bool IsUndefined, JsonNode? Value, string? Error, string? Message = null)
{
    public override string ToString() =>
        Error != null ? $"error {Error}: {Message}" : IsUndefined ? "undefined" : Value?.ToJsonString() ?? "null";
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
        return results.Select(r => r!["e"] is { } e ? new Outcome(false, null, e.GetValue<string>(), r["m"]?.GetValue<string>())
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
            return new Outcome(false, null, e.Code, e.Message);
        }
        catch (Exception e)
        {
            return new Outcome(false, null, "CRASH " + e.GetType().Name + ": " + e.Message + " " + e.StackTrace?.Split('\n').FirstOrDefault()?.Trim());
        }
    }

    /// <summary>
    /// Equal outcomes: same error code and message, both undefined, or equal JSON (objects unordered, numbers as doubles).
    /// Documented deviation: where the reference crashes with a JavaScript error (no JSONata code, e.g. a TypeError
    /// on a malformed picture), ours must raise a JSONata error instead. And where several items of an array or
    /// object constructor fail, the reference reports whichever its concurrent evaluation (Promise.all) settles
    /// first, ours the first in source order: any error code then agrees (<paramref name="concurrentConstructor"/>).
    /// </summary>
    public static bool Same(Outcome ours, Outcome reference, bool concurrentConstructor = false)
    {
        if (reference.Error?.StartsWith("JS:", StringComparison.Ordinal) == true) return ours.Error != null;
        if (ours.Error != null && reference.Error != null && concurrentConstructor) return true;
        // Step Functions quotes both in a cause (`… threw an error during evaluation. T2001: <message>`).
        if (ours.Error != null || reference.Error != null)
            return ours.Error == reference.Error && (ours.Message == reference.Message || SameButStaleName(ours.Message, reference.Message));
        if (ours.IsUndefined || reference.IsUndefined) return ours.IsUndefined == reference.IsUndefined;
        return JsonEquals(ours.Value, reference.Value);
    }

    /// <summary>Documented deviation: a function applied without a name (<c>x ~> $f</c>, a callback) is
    /// <c>undefined</c> in our signature errors; the reference names it after the last call made elsewhere in the
    /// same process (a name left on its shared function object).</summary>
    private static bool SameButStaleName(string? ours, string? reference) =>
        ours?.Contains("of function undefined", StringComparison.Ordinal) == true && reference != null
        && System.Text.RegularExpressions.Regex.Replace(reference, "of function \"[^\"]*\"", "of function undefined") == ours;

    /// <summary>Whether the expression has an array or object constructor with several items (see <see cref="Same"/>).</summary>
    public static bool HasConcurrentConstructor(string expression)
    {
        try
        {
            return Walk(Parsing.Parser.Parse(expression));
        }
        catch (JsonataException)
        {
            return false;
        }

        static bool Walk(Parsing.Node? node) => node switch
        {
            null => false,
            Parsing.ArrayNode a when a.Items.Count > 1 => true,
            Parsing.ObjectNode o when o.Pairs.Count > 1 => true,
            _ when node.Group is { Pairs.Count: > 1 } => true,
            _ => Children(node).Any(Walk),
        };

        static IEnumerable<Parsing.Node?> Children(Parsing.Node node)
        {
            foreach (var stage in (node.Predicates ?? []).Concat(node.Stages ?? [])) yield return stage.Filter;
            if (node.Group != null) foreach (var (k, v) in node.Group.Pairs) { yield return k; yield return v; }
            switch (node)
            {
                case Parsing.PathNode p: foreach (var s in p.Steps) yield return s; break;
                case Parsing.BinaryNode b: yield return b.Lhs; yield return b.Rhs; break;
                case Parsing.NegateNode n: yield return n.Operand; break;
                case Parsing.ArrayNode a: foreach (var i in a.Items) yield return i; break;
                case Parsing.ObjectNode o: foreach (var (k, v) in o.Pairs) { yield return k; yield return v; } break;
                case Parsing.SortNode s: foreach (var t in s.Terms) yield return t.Expression; break;
                case Parsing.BindNode b: yield return b.Value; break;
                case Parsing.ApplyNode a: yield return a.Lhs; yield return a.Rhs; break;
                case Parsing.ConditionNode c: yield return c.Condition; yield return c.Then; yield return c.Else; break;
                case Parsing.BlockNode b: foreach (var e in b.Expressions) yield return e; break;
                case Parsing.CallNode c: yield return c.Procedure; foreach (var a in c.Arguments) yield return a; break;
                case Parsing.LambdaNode l: yield return l.Body; break;
                case Parsing.TransformNode t: yield return t.Pattern; yield return t.Update; yield return t.Delete; break;
            }
        }
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
            if (!Same(ours, reference[i], HasConcurrentConstructor(cases[i].Expression))) differences.Add((cases[i], ours, reference[i]));
        }
        return differences;
    }
}
