using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Local;

/// <summary>One function's settings: deployment.json's function_defaults, overridden by the function's own entry.</summary>
/// <param name="ReservedConcurrency">reserved_concurrent_executions when set: the local host's bound on the function's instances.</param>
public sealed record FunctionSettings(string Description, int MemorySize, int Timeout, string LogFormat, string LogLevel, int? ReservedConcurrency = null);

/// <summary>A workflow of deployment.json: its state machine type, its template under terraform/templates and, per
/// template variable, the source wired to it.</summary>
public sealed record WorkflowSpec(WorkflowType Type, string Template, IReadOnlyDictionary<string, string> Variables);

/// <summary>The orchestrator's EventBridge Scheduler schedule as deployed: its expression (cron, rate or at), IANA time
/// zone, whether it is enabled and the execution input (a JSON object's text) it starts each run with.</summary>
public sealed record ScheduleSettings(string Expression, string Timezone, bool Enabled, string Input);

/// <summary>The custom event that starts the orchestrator: its <c>source</c> and <c>detail-type</c>.</summary>
public sealed record EventSettings(string Source, string DetailType);

/// <summary>deployment.json's <c>orchestrator_triggers</c>: the defaults terraform/orchestrator.tf deploys (each
/// variable <c>orchestrator_schedule_*</c> / <c>orchestrator_event_*</c> overrides one) and <c>make console</c> fires.</summary>
public sealed record TriggerSettings(ScheduleSettings Schedule, EventSettings Event);

/// <summary>
/// terraform/deployment.json, which terraform/main.tf reads too: the name prefix, the functions' settings, the
/// container, the orchestrator's settings and each workflow's template and wiring. Terraform's variables may override some of these for a
/// deployment; <c>make run</c> runs what the defaults deploy. Format: terraform/README.md.
/// </summary>
public sealed class Deployment
{
    private readonly JsonObject functionDefaults;
    private readonly JsonObject functions;
    private readonly string path;

    private Deployment(string path, JsonObject root)
    {
        this.path = path;
        Name = Required<string>(root, "name", "");
        functionDefaults = Required<JsonObject>(root, "function_defaults", "");
        functions = Required<JsonObject>(root, "functions", "");
        var container = Required<JsonObject>(root, "container", "");
        ContainerName = Required<string>(container, "container_name", "container.");
        TaskTimeoutSeconds = Required<int>(container, "task_timeout_seconds", "container.");
        OrchestratorSettings = Required<JsonObject>(root, "orchestrator", "").ToDictionary(
            setting => setting.Key,
            // A setting without a value (default_deadline_seconds: none) renders as JSON null, as Terraform renders it.
            setting => setting.Value switch
            {
                null => "null",
                JsonValue value when value.TryGetValue<int>(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw Invalid($"orchestrator.{setting.Key} must be a whole number or null"),
            });
        Workflows = Required<JsonObject>(root, "workflows", "").ToDictionary(
            workflow => workflow.Key,
            workflow => Spec(workflow.Key, workflow.Value as JsonObject ?? throw Invalid($"workflows.{workflow.Key} must be an object")));
        WorkflowNames = [.. Required<JsonObject>(root, "workflows", "").Select(workflow => workflow.Key)];
        var triggers = Required<JsonObject>(root, "orchestrator_triggers", "");
        var schedule = Required<JsonObject>(triggers, "schedule", "orchestrator_triggers.");
        var scheduled = "orchestrator_triggers.schedule.";
        var customEvent = Required<JsonObject>(triggers, "event", "orchestrator_triggers.");
        Triggers = new TriggerSettings(
            new ScheduleSettings(
                Required<string>(schedule, "expression", scheduled),
                Required<string>(schedule, "timezone", scheduled),
                Required<bool>(schedule, "enabled", scheduled),
                Required<JsonObject>(schedule, "input", scheduled).ToJsonString(InputText)),
            new EventSettings(
                Required<string>(customEvent, "source", "orchestrator_triggers.event."),
                Required<string>(customEvent, "detail_type", "orchestrator_triggers.event.")));
    }

    // <aws.scheduler.scheduled-time> and the other context attributes must stay as written (not \u003C…\u003E),
    // for Scheduler (here: the schedule runner) to find and replace them.
    private static readonly JsonSerializerOptions InputText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The orchestrator's triggers as deployed (schedule, custom event).</summary>
    public TriggerSettings Triggers { get; }

    /// <summary>Prefix of every deployed name (Terraform's <c>name</c> variable when it is not set).</summary>
    public string Name { get; }

    /// <summary>The container's name in the ECS task definition.</summary>
    public string ContainerName { get; }

    /// <summary>How long the container workflow waits for its task.</summary>
    public int TaskTimeoutSeconds { get; }

    /// <summary>The orchestrator's settings (max_jobs, poll_interval_seconds, ...), as the template gets them.</summary>
    public IReadOnlyDictionary<string, string> OrchestratorSettings { get; }

    public IReadOnlyDictionary<string, WorkflowSpec> Workflows { get; }

    /// <summary>The workflows in the file's order.</summary>
    public IReadOnlyList<string> WorkflowNames { get; }

    /// <summary>The functions that have an entry of their own (every packaged function exists, with the defaults).</summary>
    public IEnumerable<string> ConfiguredFunctions => functions.Select(function => function.Key);

    public static Deployment Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new RunException($"{path} is missing: restore it from git (it describes what Terraform deploys and make run runs).");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new RunException($"{path} is not valid JSON ({e.Message}): fix it (format: terraform/README.md).");
        }

        return new Deployment(path, root as JsonObject ?? throw new RunException($"{path} must hold a JSON object (format: terraform/README.md)."));
    }

    public FunctionSettings SettingsOf(string function)
    {
        var merged = (JsonObject)functionDefaults.DeepClone();
        if (functions[function] is JsonObject own)
        {
            foreach (var (setting, value) in own)
            {
                merged[setting] = value?.DeepClone();
            }
        }

        var where = $"function_defaults or functions.{function}: ";
        return new FunctionSettings(
            Required<string>(merged, "description", where),
            Required<int>(merged, "memory_size", where),
            Required<int>(merged, "timeout", where),
            Required<string>(merged, "log_format", where),
            Required<string>(merged, "log_level", where),
            merged["reserved_concurrent_executions"] is not null ? Required<int>(merged, "reserved_concurrent_executions", where) : null);
    }

    /// <summary>A function's deployed name, as <c>"${local.name}-${function}"</c> in terraform/main.tf.</summary>
    public string FunctionName(string function) => $"{Name}-{function}";

    /// <summary>The function (package name) behind a deployed function name, or null.</summary>
    public string? FunctionOf(string functionName) =>
        functionName.StartsWith(Name + "-", StringComparison.Ordinal) ? functionName[(Name.Length + 1)..] : null;

    /// <summary>A workflow's state machine name, as <c>"${local.name}-${workflow}"</c> in terraform/workflows.tf.</summary>
    public string StateMachineName(string workflow) => $"{Name}-{workflow}";

    private WorkflowSpec Spec(string workflow, JsonObject spec) => new(
        WorkflowTypes.FromApiName(Required<string>(spec, "type", $"workflows.{workflow}."))
            ?? throw Invalid($"workflows.{workflow}.type must be STANDARD or EXPRESS"),
        Required<string>(spec, "template", $"workflows.{workflow}."),
        Required<JsonObject>(spec, "variables", $"workflows.{workflow}.").ToDictionary(
            variable => variable.Key,
            variable => variable.Value is JsonValue value && value.TryGetValue<string>(out var source)
                ? source
                : throw Invalid($"workflows.{workflow}.variables.{variable.Key} must be a source name such as \"functions.even.arn\"")));

    private T Required<T>(JsonObject json, string key, string where)
    {
        var node = json[key];
        if (node is T value)
        {
            return value;
        }

        if (node is JsonValue scalar && scalar.TryGetValue<T>(out var converted))
        {
            return converted;
        }

        throw Invalid(node is null ? $"{where}{key} is missing" : $"{where}{key} must be a {Describe<T>()}");
    }

    private static string Describe<T>() =>
        typeof(T) == typeof(JsonObject) ? "JSON object" : typeof(T) == typeof(int) ? "whole number" : typeof(T) == typeof(bool) ? "boolean (true or false)" : "string";

    private RunException Invalid(string problem) => new($"{path}: {problem} (format: terraform/README.md).");
}
