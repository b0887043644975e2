using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lambdas.JobNet;

/// <summary>
/// Checks a manifest before anything starts and reports every problem at once, in manifest order: the run's
/// fields, then each job's, then what spans jobs (repeated names, unknown dependencies, cycles). A valid
/// manifest comes back with every optional field filled in.
/// </summary>
public static partial class ManifestValidator
{
    /// <summary>Retries per job (AWS's advice for transient failures; more hides a real fault).</summary>
    public const int MaxRetries = 3;

    public static JobNetResponse Validate(JsonNode? manifest, ManifestSettings settings)
    {
        var problems = new List<string>();
        var m = manifest as JsonObject;
        if (m is null)
        {
            problems.Add("the manifest must be a JSON object with run_id and jobs");
        }
        var runId = m?["run_id"];
        if (m is not null && !m.ContainsKey("run_id"))
        {
            problems.Add("run_id is missing");
        }
        else if (m is not null && !Matches(runId, RunIdPattern()))
        {
            problems.Add($"run_id must be 1-40 letters, digits, -, _ or : (got {Show(runId)})");
        }

        var jobsNode = m?["jobs"];
        if (m is not null && !m.ContainsKey("jobs"))
        {
            problems.Add("jobs is missing");
        }
        else if (m is not null && jobsNode is not JsonArray)
        {
            problems.Add("jobs must be an array of {name, workflow, input} objects");
        }
        var entries = jobsNode as JsonArray ?? [];
        if (jobsNode is JsonArray { Count: 0 })
        {
            problems.Add("jobs is empty: a run needs at least one job");
        }
        if (entries.Count > settings.MaxJobs)
        {
            problems.Add($"jobs has {entries.Count} entries; a run takes at most {settings.MaxJobs}");
        }

        var maxConcurrency = WholeNumber(m, "max_concurrency", 1, settings.MaxJobs, $"a whole number from 1 to {settings.MaxJobs}", problems) ?? settings.DefaultMaxConcurrency;
        // An explicit null is "no deadline"; a manifest without the field gets the deployment's default.
        var deadline = m is not null && !m.ContainsKey("deadline_seconds")
            ? settings.DefaultDeadlineSeconds
            : WholeNumber(m, "deadline_seconds", 1, 31_536_000, "a whole number of seconds from 1 to 31536000 (a year), or null for none", problems);
        var series = m?["series"];
        if (series is not null && !Matches(series, SeriesPattern()))
        {
            problems.Add($"series must be 1-40 letters, digits, - or _ (got {Show(series)})");
        }
        var overlap = m?["overlap"];
        if (overlap is not null && !(Text(overlap) is "skip" or "allow"))
        {
            problems.Add($"overlap must be 'skip' or 'allow' (got {Show(overlap)})");
        }
        else if (Text(overlap) == "skip" && series is null)
        {
            // Skipping is per series: without one, no run would ever be skipped, whatever the manifest asks.
            problems.Add("overlap 'skip' needs a series: name the series whose runs must not overlap, or drop overlap");
        }

        var jobs = new List<Job>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (ValidateJob(entries[i], $"jobs[{i}]", settings) is { } checkedJob)
            {
                if (checkedJob.Problems.Count > 0)
                {
                    problems.Add(string.Join("; ", checkedJob.Problems));
                }
                jobs.Add(checkedJob.Job);
            }
            else
            {
                problems.Add($"jobs[{i}] must be an object with name, workflow and input");
            }
        }

        var names = jobs.Select(j => j.Name).Where(n => n.Length > 0).ToList();
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            problems.Add($"job names must be unique (repeated: {string.Join(", ", repeated)})");
        }
        problems.AddRange(DependencyProblems(jobs));

        return problems.Count > 0
            ? new JobNetResponse { Problems = problems }
            : new JobNetResponse
            {
                Problems = [],
                Jobs = jobs,
                MaxConcurrency = maxConcurrency,
                Series = Text(series),
                // A series defaults to skip: two runs of one schedule at once is what the series is there to prevent.
                Overlap = Text(overlap) ?? (series is null ? "allow" : "skip"),
                DeadlineSeconds = deadline,
            };
    }

    private sealed record CheckedJob(Job Job, List<string> Problems);

    private static CheckedJob? ValidateJob(JsonNode? node, string at, ManifestSettings settings)
    {
        if (node is not JsonObject job)
        {
            return null;
        }
        var problems = new List<string>();
        var name = job["name"];
        if (name is null)
        {
            problems.Add($"{at}.name is missing");
        }
        else if (!Matches(name, JobNamePattern()))
        {
            problems.Add($"{at}.name must be 1-23 letters, digits, - or _ (got {Show(name)})");
        }
        var workflow = job["workflow"];
        var defaultTimeout = 0;
        if (workflow is null)
        {
            problems.Add($"{at}.workflow is missing");
        }
        else if (Text(workflow) is not { } w || !settings.Workflows.TryGetValue(w, out defaultTimeout))
        {
            problems.Add($"{at}.workflow {Show(workflow)} is not a deployed workflow ({string.Join(" or ", settings.Workflows.Keys)})");
        }
        if (job["input"] is { } input && input is not JsonObject)
        {
            problems.Add($"{at}.input must be a JSON object");
        }

        var dependsOn = new List<string>();
        if (job["depends_on"] is { } dependencies)
        {
            if (dependencies is JsonArray list && list.All(d => Text(d) is not null))
            {
                dependsOn.AddRange(list.Select(d => Text(d)!).Distinct(StringComparer.Ordinal));
            }
            else
            {
                problems.Add($"{at}.depends_on must be an array of job names (got {Show(dependencies)})");
            }
        }
        var timeout = WholeNumber(job, "timeout_seconds", 1, 31_536_000, "a whole number of seconds from 1 to 31536000", problems, at + ".") ?? defaultTimeout;
        var retries = WholeNumber(job, "retries", 0, MaxRetries, $"a whole number from 0 to {MaxRetries}", problems, at + ".") ?? 0;

        return new CheckedJob(
            new Job(Text(name) ?? "", Text(workflow) ?? "", job["input"] as JsonObject is { } i ? (JsonObject)i.DeepClone() : [], dependsOn, timeout, retries),
            problems);
    }

    /// <summary>Unknown names and self-dependencies per job, then each cycle once, named along its edges.</summary>
    private static IEnumerable<string> DependencyProblems(IReadOnlyList<Job> jobs)
    {
        var known = jobs.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (job.DependsOn.Contains(job.Name, StringComparer.Ordinal))
            {
                yield return $"job {job.Name} depends on itself";
            }
            var unknown = job.DependsOn.Where(d => !known.Contains(d)).ToList();
            if (unknown.Count > 0)
            {
                yield return $"job {job.Name} depends on {string.Join(", ", unknown)}, which {(unknown.Count == 1 ? "is not a job" : "are not jobs")} of this manifest";
            }
        }
        foreach (var cycle in DependencyCycles.Find(jobs))
        {
            yield return $"jobs depend on each other in a cycle, so none of them could start: {string.Join(" → ", cycle)}";
        }
    }

    private static int? WholeNumber(JsonObject? owner, string field, int min, int max, string rule, List<string> problems, string at = "")
    {
        if (owner?[field] is not { } node)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number)
            && number == Math.Floor(number) && number >= min && number <= max)
        {
            return (int)number;
        }
        problems.Add($"{at}{field} must be {rule} (got {Show(node)})");
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool Matches(JsonNode? node, Regex pattern) => Text(node) is { } text && pattern.IsMatch(text);

    /// <summary>A value as the problem quotes it: strings in single quotes, anything else as JSON.</summary>
    private static string Show(JsonNode? node) => Text(node) is { } text
        ? $"'{text}'"
        : node?.ToJsonString() ?? "null";

    [GeneratedRegex("^[A-Za-z0-9_:-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SeriesPattern();

    // A child execution's name is run_id.job.rN.aN and must fit AWS's 80 characters.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,23}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobNamePattern();
}
