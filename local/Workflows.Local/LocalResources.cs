using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations.EventBridge;
using StepFunctions.Local.Templates;

namespace Workflows.Local;

/// <summary>
/// What Terraform creates around the state machines that the local integrations stand in for: the
/// orchestrator's run table (terraform/orchestrator.tf, module "runs_table") and its status-change
/// notification (module "orchestrator_notifications", rule → topic through
/// terraform/templates/execution-notification.json, the same file Terraform reads).
/// </summary>
public static class LocalResources
{
    public const string Orchestrator = "orchestrator";

    /// <summary>The source deployment.json wires the run table's name to (the table exists when it resolves).</summary>
    public const string RunsTableSource = "runs_table.name";

    /// <summary>The source of the orchestrator's notification topic (runs announced, and the deadline watcher's notice).</summary>
    public const string NotificationTopicSource = "orchestrator_notifications.topic_arn";

    /// <summary>The run table's key, as module "runs_table" declares it: one item per run (record "RUN") and per job ("JOB#name").</summary>
    public static readonly IReadOnlyList<string> RunsTableKey = ["run_id", "record"];

    /// <summary>Statuses the notification rule matches (the module's default; notify_on_success is off by default).</summary>
    public static readonly IReadOnlySet<string> NotifiedStatuses = new HashSet<string>(StringComparer.Ordinal)
    {
        ExecutionStatus.Failed.ToApiName(), ExecutionStatus.TimedOut.ToApiName(), ExecutionStatus.Aborted.ToApiName(),
    };

    public const string NotificationTemplate = "execution-notification.json";

    /// <summary>The DynamoDB tables by name, with their key schemas.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Tables(Deployment deployment) =>
        TemplateValues.Resolve(deployment, RunsTableSource) is { } name
            ? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [name] = RunsTableKey }
            : new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The job nets (the orchestrator's state machine) by ARN, each with the runs table it records its runs in.</summary>
    public static IReadOnlyDictionary<string, string> JobNets(WorkflowCatalog catalog) =>
        catalog.Find(Orchestrator) is { } orchestrator && TemplateValues.Resolve(catalog.Deployment, RunsTableSource) is { } table
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [orchestrator.StateMachineArn] = table }
            : new Dictionary<string, string>();

    /// <summary>The EventBridge rules on execution status changes, each with its SNS topic.</summary>
    public static IReadOnlyList<ExecutionNotification> Notifications(WorkflowCatalog catalog, string templatesDirectory)
    {
        if (catalog.Find(Orchestrator) is not { } orchestrator)
        {
            return [];
        }
        var file = Path.Combine(templatesDirectory, NotificationTemplate);
        if (!File.Exists(file))
        {
            throw new RunException($"The notification template {file} is missing: restore it from git (terraform/templates/).");
        }
        try
        {
            var transformer = InputTransformer.Parse(
                TemplateRenderer.Render(File.ReadAllText(file), new Dictionary<string, string> { ["workflow"] = orchestrator.StateMachineName }), file);
            var topic = TemplateValues.Resolve(catalog.Deployment, NotificationTopicSource)!;
            return [new ExecutionNotification(orchestrator.StateMachineArn, NotifiedStatuses, transformer, topic)];
        }
        catch (FormatException e)
        {
            throw new RunException($"{e.Message}: fix {NotificationTemplate} (Terraform reads it too).");
        }
    }
}
