namespace Workflows.Local;

/// <summary>The workflows <c>make run</c> knows, keyed by the name users pass as <c>WORKFLOW=</c>.</summary>
public static class WorkflowCatalog
{
    public const string NumberProcessor = "number-processor";
    public const string ContainerTask = "container-task";

    /// <summary>The container name in the task definition (the ecs-fargate-task module's default).</summary>
    public const string ContainerName = "app";

    public static IReadOnlyList<string> Names { get; } = [NumberProcessor, ContainerTask];

    public static Workflow? Find(string name, string templatesDirectory) => name switch
    {
        NumberProcessor => new Workflow(name, Path.Combine(templatesDirectory, "number-processor.asl.json"), new Dictionary<string, string>
        {
            ["number_generator_function_arn"] = LocalAws.FunctionArn("number-generator"),
            ["even_function_arn"] = LocalAws.FunctionArn("even"),
            ["odd_function_arn"] = LocalAws.FunctionArn("odd"),
        }),
        ContainerTask => new Workflow(name, Path.Combine(templatesDirectory, "container-task.asl.json"), new Dictionary<string, string>
        {
            ["cluster_arn"] = LocalAws.Arn("ecs", $"cluster/{LocalAws.NamePrefix}-container"),
            ["task_definition_arn"] = LocalAws.Arn("ecs", $"task-definition/{LocalAws.NamePrefix}-container:1"),
            ["container_name"] = ContainerName,
            ["subnets_json"] = """["subnet-0local00000000001"]""",
            ["security_groups_json"] = """["sg-0local000000000001"]""",
            ["assign_public_ip"] = "ENABLED",
            ["sns_topic_arn"] = LocalAws.Arn("sns", $"{LocalAws.NamePrefix}-container-task-notifications"),
            ["task_timeout_seconds"] = "600",
        }),
        _ => null,
    };
}
