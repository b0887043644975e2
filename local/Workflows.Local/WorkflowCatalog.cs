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

    /// <summary>The workflows <paramref name="workflow"/> starts as child executions (those whose state machine ARN
    /// one of its variables is wired to), and theirs, each once.</summary>
    public IReadOnlyList<Workflow> ChildWorkflows(Workflow workflow)
    {
        var byArn = Names.ToDictionary(name => Workflow.ArnOf(Deployment.StateMachineName(name)), name => name, StringComparer.Ordinal);
        var found = new List<Workflow>();
        var pending = new Queue<Workflow>([workflow]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var value in current.Variables.Values)
            {
                if (byArn.TryGetValue(value, out var child) && child != workflow.Name && found.All(w => w.Name != child))
                {
                    var childWorkflow = Find(child)!;
                    found.Add(childWorkflow);
                    pending.Enqueue(childWorkflow);
                }
            }
        }
        return found;
    }

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
                "use functions.<name>.arn or a source of local.template_values in terraform/workflows.tf (list: terraform/README.md)."));
        return new Workflow(name, Deployment.StateMachineName(name), spec.Type, Path.Combine(templatesDirectory, spec.Template), variables);
    }
}
