using Aws.Local;

namespace Workflows.Local;

/// <summary>
/// What a template variable can be wired to in deployment.json, locally: terraform/workflows.tf's
/// <c>local.template_values</c>, with local stand-ins where Terraform has the deployed resources' ARNs and IDs.
/// A new source is one entry there and one here; the drift test (TerraformDriftTests) fails until both agree.
/// </summary>
public static class TemplateValues
{
    private const string FunctionPrefix = "functions.";
    private const string FunctionSuffix = ".arn";

    /// <summary>Every source with its local value, for the given (packaged) functions.</summary>
    public static IReadOnlyDictionary<string, string> For(Deployment deployment, IEnumerable<string> functions)
    {
        var values = Fixed(deployment);
        foreach (var function in functions)
        {
            values[FunctionSource(function)] = FunctionArn(deployment, function);
        }

        return values;
    }

    /// <summary>The local value of one source, or null when Terraform has no such source.</summary>
    public static string? Resolve(Deployment deployment, string source) =>
        FunctionWired(source) is { } function ? FunctionArn(deployment, function) : Fixed(deployment).GetValueOrDefault(source);

    /// <summary>The function a source names (<c>functions.&lt;name&gt;.arn</c>), or null for any other source.</summary>
    public static string? FunctionWired(string source) =>
        source.StartsWith(FunctionPrefix, StringComparison.Ordinal) && source.EndsWith(FunctionSuffix, StringComparison.Ordinal) && source.Length > FunctionPrefix.Length + FunctionSuffix.Length
            ? source[FunctionPrefix.Length..^FunctionSuffix.Length]
            : null;

    public static string FunctionArn(Deployment deployment, string function) => Arn.Local("lambda", $"function:{deployment.FunctionName(function)}").ToString();

    private static string FunctionSource(string function) => FunctionPrefix + function + FunctionSuffix;

    // Names follow terraform/main.tf's modules ("${local.name}-container", "${local.name}-container-task-notifications");
    // network IDs are stand-ins. Values Terraform knows before apply (container name, public IP, timeout) are compared by the drift test.
    private static Dictionary<string, string> Fixed(Deployment deployment)
    {
        var values = Resources(deployment);
        foreach (var workflow in deployment.WorkflowNames)
        {
            values[$"state_machines.{workflow}.arn"] = Workflow.ArnOf(deployment.StateMachineName(workflow));
        }

        foreach (var (setting, value) in deployment.OrchestratorSettings)
        {
            values[$"orchestrator.{setting}"] = value;
        }

        return values;
    }

    private static Dictionary<string, string> Resources(Deployment deployment) => new(StringComparer.Ordinal)
    {
        ["aws.partition"] = LocalAccount.Partition,
        ["container.cluster_arn"] = Arn.Local("ecs", $"cluster/{deployment.Name}-container").ToString(),
        ["container.task_definition_arn"] = Arn.Local("ecs", $"task-definition/{deployment.Name}-container:1").ToString(),
        ["container.container_name"] = deployment.ContainerName,
        ["container.subnets_json"] = """["subnet-0local00000000001"]""",
        ["container.security_groups_json"] = """["sg-0local000000000001"]""",
        ["container.assign_public_ip"] = "ENABLED",
        ["container.task_timeout_seconds"] = deployment.TaskTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["notifications.topic_arn"] = Arn.Local("sns", $"{deployment.Name}-container-task-notifications").ToString(),
        // terraform/orchestrator.tf: module.orchestrator_notifications' topic (LocalResources announces runs on it).
        ["orchestrator_notifications.topic_arn"] = Arn.Local("sns", $"{deployment.Name}-orchestrator-notifications").ToString(),
        // terraform/orchestrator.tf: module.runs_table's name.
        ["runs_table.name"] = $"{deployment.Name}-orchestrator-runs",
    };
}
