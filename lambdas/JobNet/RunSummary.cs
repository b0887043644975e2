using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lambdas.JobNet;

/// <summary>
/// A pass's results as the run's outcome: which jobs a resume reruns, and the cause a person reads in the
/// console and the notice: one line per failed job with its error and innermost message, then the blocked jobs.
/// </summary>
public static class RunSummary
{
    /// <summary>AWS's limit on an execution's cause.</summary>
    public const int MaxCauseLength = 32_768;

    /// <summary>A failed job's line is cut here, so one verbose job cannot crowd the others out of the cause.</summary>
    public const int MaxLineLength = 1_000;

    public static JobNetResponse Summarize(string runId, IReadOnlyList<JobResult> results)
    {
        var failed = results.Where(r => r.Status == JobStatus.FAILED).ToList();
        var blocked = results.Where(r => r.Status == JobStatus.BLOCKED).ToList();
        var succeeded = failed.Count + blocked.Count == 0;
        return new JobNetResponse
        {
            Status = succeeded ? "SUCCEEDED" : "FAILED",
            Rerun = [.. results.Where(r => r.Status != JobStatus.SUCCEEDED).Select(r => r.Name)],
            Failed = [.. failed.Select(r => r.Name)],
            Blocked = [.. blocked.Select(r => r.Name)],
            Cause = succeeded ? null : Cause(runId, results.Count, failed, blocked),
        };
    }

    private static string Cause(string runId, int total, List<JobResult> failed, List<JobResult> blocked)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Run {runId}: {failed.Count} of {total} jobs failed, {blocked.Count} blocked. Fix the cause, then redrive this execution: it reruns only these jobs.");
        foreach (var job in failed)
        {
            var attempts = job.Attempts == 1 ? "1 attempt" : $"{job.Attempts} attempts";
            text.Append('\n').Append(Cut($"{job.Name} ({job.Workflow}) failed after {attempts}: {Innermost(job.Error, job.Cause)}"));
        }
        if (blocked.Count > 0)
        {
            text.Append("\nBlocked (not started): ")
                .AppendJoin(", ", blocked.Select(j => j.BlockedBy is { Count: > 0 } by ? $"{j.Name} (needs {string.Join(", ", by)})" : j.Name));
        }
        return text.Length <= MaxCauseLength ? text.ToString() : text.ToString(0, MaxCauseLength - 1) + "…";
    }

    /// <summary>
    /// The error a person can act on: a child execution's failure carries its own error and cause as JSON
    /// (DescribeExecution, then the Lambda's error report), so the JSON is unwrapped to the deepest
    /// <c>errorType: errorMessage</c> or <c>Error: Cause</c>.
    /// </summary>
    public static string Innermost(string? error, string? cause)
    {
        for (var depth = 0; depth < 8 && Parse(cause) is { } json; depth++)
        {
            if (Text(json["errorMessage"]) is { } message)
            {
                return $"{Text(json["errorType"]) ?? error}: {OneLine(message)}";
            }
            var inner = json["Cause"] ?? json["cause"];
            error = Text(json["Error"] ?? json["error"]) ?? error;
            cause = Text(inner) ?? inner?.ToJsonString();
            if (inner is null)
            {
                break;
            }
        }
        return string.IsNullOrEmpty(cause) ? error ?? "no error reported" : $"{error}: {OneLine(cause)}";
    }

    private static JsonObject? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Cut(string line) => line.Length <= MaxLineLength ? line : line[..(MaxLineLength - 1)] + "…";
}
