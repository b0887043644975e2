using System.Text.RegularExpressions;
using Aws.Local;

namespace Workflows.Local.Tests;

/// <summary>The local stand-ins of the resources around the orchestrator say what terraform/orchestrator.tf
/// declares: the run table's key and name, the notification rule's topic and statuses.</summary>
public sealed partial class LocalResourcesTests
{
    private static readonly string Terraform = Path.Combine(Repo.Paths.Root, "terraform");

    /// <summary>The body of <c>module "name" { ... }</c> in orchestrator.tf (its blocks hold no nested braces at top level we need).</summary>
    private static string Module(string name)
    {
        var text = File.ReadAllText(Path.Combine(Terraform, "orchestrator.tf"));
        var start = text.IndexOf($"module \"{name}\" {{", StringComparison.Ordinal);
        Assert.True(start >= 0, $"orchestrator.tf has no module \"{name}\"");
        return text[start..text.IndexOf("\n}", start, StringComparison.Ordinal)];
    }

    private static string Argument(string module, string argument) =>
        Regex.Match(module, $@"^\s*{argument}\s*=\s*""(?<value>[^""]*)""", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups["value"].Value
            : throw new Xunit.Sdk.XunitException($"no {argument} = \"...\" in:\n{module}");

    [Fact]
    public void The_run_table_has_the_key_and_name_terraform_gives_it()
    {
        var module = Module("runs_table");
        var deployment = WorkflowCatalog.Load(Repo.Paths).Deployment;

        Assert.Equal([Argument(module, "hash_key"), Argument(module, "range_key")], LocalResources.RunsTableKey);
        var table = Assert.Single(LocalResources.Tables(deployment));
        Assert.Equal(Argument(module, "name").Replace("${local.name}", deployment.Name, StringComparison.Ordinal), table.Key);
    }

    [Fact]
    public void The_notification_goes_to_the_topic_terraform_names_for_the_statuses_its_module_matches_by_default()
    {
        var catalog = WorkflowCatalog.Load(Repo.Paths);
        var rule = Assert.Single(LocalResources.Notifications(catalog, Repo.Paths.Templates));

        var name = Argument(Module("orchestrator_notifications"), "name").Replace("${local.name}", catalog.Deployment.Name, StringComparison.Ordinal);
        Assert.Equal(Arn.Local("sns", name).ToString(), rule.TopicArn);
        Assert.Equal(catalog.Find(LocalResources.Orchestrator)!.StateMachineArn, rule.StateMachineArn);
        var variables = File.ReadAllText(Path.Combine(Terraform, "modules", "execution-notifications", "variables.tf"));
        var defaults = StatusesDefault().Match(variables).Groups["list"].Value.Split(',').Select(s => s.Trim().Trim('"'));
        Assert.Equal(defaults.Order(), rule.Statuses.Order());
    }

    [GeneratedRegex(@"variable ""statuses"" \{[^}]*?default\s*=\s*\[(?<list>[^\]]*)\]", RegexOptions.Singleline)]
    private static partial Regex StatusesDefault();
}
