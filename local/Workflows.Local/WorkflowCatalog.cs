namespace Workflows.Local;

/// <summary>
/// The workflows <c>make run</c> knows, keyed by the name users pass as <c>WORKFLOW=</c>: those of
/// terraform/deployment.json, each rendered from its template with its wiring resolved to local values.
/// </summary>
public sealed class WorkflowCatalog(Deployment deployment, string templatesDirectory)
{
    public const string NumberProcessor = "number-processor";
    public const string ContainerTask = "container-task";

    public Deployment Deployment { get; } = deployment;

    public IReadOnlyList<string> Names => Deployment.WorkflowNames;

    public static WorkflowCatalog Load(RunPaths paths) => new(Deployment.Load(paths.Deployment), paths.Templates);

    /// <summary>The functions a workflow's template variables are wired to (Lambda packages it needs).</summary>
    public IReadOnlyCollection<string> WiredFunctions(string workflow) =>
        [.. Deployment.Workflows[workflow].Variables.Values.Select(TemplateValues.FunctionWired).OfType<string>().Distinct()];

    public Workflow? Find(string name)
    {
        if (!Deployment.Workflows.TryGetValue(name, out var spec))
        {
            return null;
        }

        var variables = spec.Variables.ToDictionary(
            variable => variable.Key,
            variable => TemplateValues.Resolve(Deployment, variable.Value) ?? throw new RunException(
                $"terraform/deployment.json wires {name}'s {variable.Key} to \"{variable.Value}\", which is no source: " +
                "use functions.<name>.arn or a source of local.template_values in terraform/main.tf (list: terraform/README.md)."));
        return new Workflow(name, Deployment.StateMachineName(name), Path.Combine(templatesDirectory, spec.Template), variables);
    }
}
