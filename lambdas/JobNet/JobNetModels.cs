using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Lambdas.JobNet;

/// <summary>What the orchestrator asks: <c>validate</c> a manifest, or <c>summarize</c> the jobs' results of a pass.</summary>
public sealed record JobNetRequest(string? Action, JsonNode? Manifest, ManifestSettings? Settings, string? RunId, IReadOnlyList<JobResult>? Results);

/// <summary>The deployment's limits and defaults, rendered into the template by Terraform.</summary>
/// <param name="Workflows">Each workflow a job may name, with its default timeout in seconds.</param>
/// <param name="DefaultDeadlineSeconds">The deadline of a run whose manifest gives none; null: no deadline.</param>
public sealed record ManifestSettings(int MaxJobs, int DefaultMaxConcurrency, IReadOnlyDictionary<string, int> Workflows, int? DefaultDeadlineSeconds = null);

/// <summary>A job as the orchestrator runs it: every optional field filled in.</summary>
public sealed record Job(string Name, string Workflow, JsonObject Input, IReadOnlyList<string> DependsOn, int TimeoutSeconds, int Retries);

/// <summary>One job's end in a pass of the jobs' Map (the Map iteration's output).</summary>
public sealed record JobResult(string Name, string? Workflow, JobStatus Status, int Attempts, string? Error, string? Cause, IReadOnlyList<string>? BlockedBy);

[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    SUCCEEDED,
    FAILED,
    BLOCKED,
}

/// <summary>One response type for both actions: <c>validate</c> fills the manifest's fields, <c>summarize</c> the outcome's.</summary>
public sealed record JobNetResponse
{
    public IReadOnlyList<string>? Problems { get; init; }
    public IReadOnlyList<Job>? Jobs { get; init; }
    public int? MaxConcurrency { get; init; }
    public string? Series { get; init; }
    public string? Overlap { get; init; }
    public int? DeadlineSeconds { get; init; }

    /// <summary>SUCCEEDED, or FAILED when a job failed or was blocked.</summary>
    public string? Status { get; init; }

    /// <summary>The jobs a resume reruns: the failed and the blocked ones, in manifest order.</summary>
    public IReadOnlyList<string>? Rerun { get; init; }

    public IReadOnlyList<string>? Failed { get; init; }
    public IReadOnlyList<string>? Blocked { get; init; }
    public string? Cause { get; init; }
}

// Source-generated metadata: no reflection, so the trimmed bootstrap serializes exactly these types.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobNetRequest))]
[JsonSerializable(typeof(JobNetResponse))]
public sealed partial class JobNetJsonContext : JsonSerializerContext;
