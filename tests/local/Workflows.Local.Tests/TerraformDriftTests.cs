using System.Text.Json.Nodes;
using Build.Packaging;

namespace Workflows.Local.Tests;

/// <summary>
/// make run and Terraform read the same terraform/deployment.json; this compares what each derives from it:
/// Terraform's real locals (through <c>terraform console</c>) against the local runner's functions, workflows
/// and template wiring, for the same manifest.
/// </summary>
public sealed class TerraformDriftTests
{
    // Everything compared, as one flat map of strings (the console prints maps one entry a line).
    internal const string Expression = """
        merge(
          { for function, settings in local.functions : "function:${function}" => jsonencode(settings) },
          { for workflow, spec in local.workflows : "workflow:${workflow}" => jsonencode({ name = spec.name, type = spec.type, template = spec.definition_template }) },
          merge([for workflow, spec in local.workflows : { for variable, value in spec.definition_variables : "variable:${workflow}:${variable}" => value }]...),
          { for source, value in local.template_values : "source:${source}" => value },
          { "trigger:schedule" = jsonencode(merge(local.orchestrator_schedule, { input = jsondecode(local.orchestrator_schedule.input) })), "trigger:event" = jsonencode(local.orchestrator_event) },
        )
        """;

    private static readonly string FixtureManifest = Path.Combine(Repo.Paths.Root, "terraform", "tests", "fixtures", "manifest.json");

    [Fact]
    public void Terraform_and_make_run_derive_the_same_functions_workflows_and_wiring()
    {
        using var terraform = new TerraformConsole(Path.Combine(Repo.Paths.Root, "terraform"));

        var drift = Drift(terraform.EvaluateMap(Expression, FixtureManifest), Repo.Paths, ManifestFunctions(FixtureManifest));

        Assert.True(drift.Count == 0, "Terraform and make run disagree:\n" + string.Join("\n", drift));
    }

    [Fact]
    public void A_default_Terraform_restates_differently_is_reported()
    {
        using var terraform = new TerraformConsole(Path.Combine(Repo.Paths.Root, "terraform"));
        foreach (var file in Directory.GetFiles(terraform.Directory, "*.tf"))
        {
            File.WriteAllText(file, File.ReadAllText(file)
                .Replace("""{ function_name = "${local.name}-${function}" }""", """{ function_name = "${local.name}-fn-${function}" }""", StringComparison.Ordinal)
                .Replace("""var.assign_public_ip ? "ENABLED" : "DISABLED" """.TrimEnd(), "\"DISABLED\"", StringComparison.Ordinal));
        }

        var drift = Drift(terraform.EvaluateMap(Expression, FixtureManifest), Repo.Paths, ManifestFunctions(FixtureManifest));

        Assert.Contains(drift, line => line.StartsWith("function:even:", StringComparison.Ordinal) && line.Contains("serverless-workflows-fn-even", StringComparison.Ordinal));
        Assert.Contains(drift, line => line.StartsWith("source:container.assign_public_ip:", StringComparison.Ordinal));
        Assert.Contains(drift, line => line.StartsWith("variable:container-task:assign_public_ip:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_workflow_type_Terraform_deploys_differently_is_reported()
    {
        using var terraform = new TerraformConsole(Path.Combine(Repo.Paths.Root, "terraform"));
        var workflows = Path.Combine(terraform.Directory, "workflows.tf");
        File.WriteAllText(workflows, File.ReadAllText(workflows).Replace(
            """coalesce(var.number_processor_type, spec.type) : spec.type""", """coalesce(var.number_processor_type, spec.type) : "EXPRESS" """.TrimEnd(), StringComparison.Ordinal));

        var drift = Drift(terraform.EvaluateMap(Expression, FixtureManifest), Repo.Paths, ManifestFunctions(FixtureManifest));

        Assert.Contains(drift, line => line.StartsWith("workflow:container-task:", StringComparison.Ordinal) && line.Contains("EXPRESS", StringComparison.Ordinal));
        Assert.DoesNotContain(drift, line => line.StartsWith("workflow:number-processor:", StringComparison.Ordinal));
    }

    /// <summary>Every disagreement, one line each: what, Terraform's value, the local value.</summary>
    internal static List<string> Drift(Dictionary<string, string?> terraform, RunPaths paths, IReadOnlyCollection<string> functions)
    {
        var catalog = WorkflowCatalog.Load(paths);
        var deployment = catalog.Deployment;
        var local = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            var settings = deployment.SettingsOf(function);
            local[$"function:{function}"] = new JsonObject
            {
                ["description"] = settings.Description,
                ["function_name"] = deployment.FunctionName(function),
                ["log_format"] = settings.LogFormat,
                ["log_level"] = settings.LogLevel,
                ["memory_size"] = settings.MemorySize,
                ["timeout"] = settings.Timeout,
            }.ToJsonString();
        }

        foreach (var name in catalog.Names)
        {
            var workflow = catalog.Find(name)!;
            // Terraform's path is relative to the root module: ./templates/<file>.
            var template = "./" + Path.GetRelativePath(Path.GetDirectoryName(paths.Templates)!, workflow.TemplateFile).Replace('\\', '/');
            local[$"workflow:{name}"] = new JsonObject { ["name"] = workflow.StateMachineName, ["type"] = workflow.Type.ToApiName(), ["template"] = template }.ToJsonString();
            foreach (var (variable, value) in workflow.Variables)
            {
                local[$"variable:{name}:{variable}"] = value;
            }
        }

        foreach (var (source, value) in TemplateValues.For(deployment, functions))
        {
            local[$"source:{source}"] = value;
        }

        // make console fires the triggers Terraform deploys (terraform/orchestrator.tf's locals).
        var triggers = deployment.Triggers;
        local["trigger:schedule"] = new JsonObject
        {
            ["expression"] = triggers.Schedule.Expression,
            ["timezone"] = triggers.Schedule.Timezone,
            ["enabled"] = triggers.Schedule.Enabled,
            ["input"] = JsonNode.Parse(triggers.Schedule.Input),
        }.ToJsonString();
        local["trigger:event"] = new JsonObject { ["source"] = triggers.Event.Source, ["detail_type"] = triggers.Event.DetailType }.ToJsonString();

        List<string> drift = [];
        foreach (var key in terraform.Keys.Union(local.Keys).Order(StringComparer.Ordinal))
        {
            var inTerraform = terraform.TryGetValue(key, out var terraformValue);
            var inLocal = local.TryGetValue(key, out var localValue);
            if (!inTerraform || !inLocal)
            {
                drift.Add($"{key}: only {(inTerraform ? "Terraform" : "make run")} has it");
            }
            else if (terraformValue is not null && !SameValue(terraformValue, localValue!))
            {
                // Null: Terraform knows it only after apply (an ARN, an ID); make run has a stand-in for it.
                drift.Add($"{key}: Terraform {terraformValue}, make run {localValue}");
            }
        }

        return drift;
    }

    // JSON-encoded objects compare as JSON (key order and number format aside); other values as text.
    private static bool SameValue(string terraform, string local) =>
        terraform == local || (terraform.StartsWith('{') && local.StartsWith('{') && JsonNode.DeepEquals(JsonNode.Parse(terraform), JsonNode.Parse(local)));

    internal static IReadOnlyCollection<string> ManifestFunctions(string manifest) => [.. Manifest.Read(manifest).Keys];
}
