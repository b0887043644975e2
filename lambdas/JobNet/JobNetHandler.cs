using Lambdas.Runtime;

namespace Lambdas.JobNet;

/// <summary>The orchestrator's logic that is too long for JSONata: checking a manifest (with its dependency
/// cycles) and turning a pass's results into the run's outcome and readable cause. It calls no AWS service.</summary>
public sealed class JobNetHandler
{
    public static readonly InputContract Contract = new(
        """{"action": "validate", "manifest": {"run_id": "r", "jobs": []}, "settings": {"max_jobs": 20, "default_max_concurrency": 4, "default_deadline_seconds": null, "workflows": {"container-task": 1800}}}""",
        new Dictionary<string, string>
        {
            ["action"] = "\"validate\" or \"summarize\"",
            ["settings"] = "an object with max_jobs, default_max_concurrency, default_deadline_seconds (null for none) and workflows (name → default timeout in seconds)",
            ["run_id"] = "a string",
            ["results"] = "an array of {name, workflow, status (SUCCEEDED, FAILED or BLOCKED), attempts, error, cause, blocked_by}",
        });

    public JobNetResponse Handle(JobNetRequest request, ILambdaContext context) => request.Action switch
    {
        "validate" => ManifestValidator.Validate(request.Manifest,
            request.Settings ?? throw new InvalidInputException($"Field 'settings' is required to validate a manifest. Expected a JSON object like {Contract.Example}.")),
        "summarize" => RunSummary.Summarize(
            request.RunId ?? throw new InvalidInputException("Field 'run_id' is required to summarize a run."),
            request.Results ?? throw new InvalidInputException("Field 'results' is required to summarize a run: the jobs' Map output.")),
        _ => throw new InvalidInputException($"Field 'action' must be \"validate\" or \"summarize\", got {(request.Action is null ? "none" : $"\"{request.Action}\"")}. Expected a JSON object like {Contract.Example}."),
    };
}
