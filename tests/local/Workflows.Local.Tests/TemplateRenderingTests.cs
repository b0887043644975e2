using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Templates;

namespace Workflows.Local.Tests;

/// <summary>The definitions <c>make run</c> executes are byte for byte the ones Terraform's templatefile renders.</summary>
public sealed class TemplateRenderingTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData(WorkflowCatalog.NumberProcessor)]
    [InlineData(WorkflowCatalog.ContainerTask)]
    public void Local_rendering_equals_terraform_templatefile(string name)
    {
        var workflow = WorkflowCatalog.Load(Repo.Paths).Find(name)!;
        var local = TemplateRenderer.Render(File.ReadAllText(workflow.TemplateFile), workflow.Variables);

        var rendered = TerraformTemplatefile(workflow.TemplateFile, workflow.Variables);

        Assert.Equal(rendered, local);
    }

    [Fact]
    public void Every_template_variable_is_given_and_used()
    {
        var catalog = WorkflowCatalog.Load(Repo.Paths);
        foreach (var name in catalog.Names)
        {
            var workflow = catalog.Find(name)!;
            var template = File.ReadAllText(workflow.TemplateFile);
            foreach (var variable in workflow.Variables.Keys)
            {
                Assert.Contains("${" + variable + "}", template, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Asks the real terraform (offline: console needs no provider) to render the template; base64 keeps the bytes exact.</summary>
    private static string TerraformTemplatefile(string file, IReadOnlyDictionary<string, string> variables)
    {
        var map = string.Join(", ", variables.Select(v => $"{v.Key} = {Hcl(v.Value)}"));
        var workingDirectory = Directory.CreateTempSubdirectory("tf-console-").FullName;
        try
        {
            var (exitCode, stdout, stderr) = Repo.Exec("terraform", "console", workingDirectory,
                $"base64encode(templatefile({Hcl(file)}, {{ {map} }}))\n");
            Assert.True(exitCode == 0, $"terraform console failed: {stderr}");
            return Encoding.UTF8.GetString(Convert.FromBase64String(stdout.Trim().Trim('"')));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    // A JSON string is an HCL string once template sequences are escaped.
    private static string Hcl(string value) =>
        JsonSerializer.Serialize(value, Relaxed).Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);
}
