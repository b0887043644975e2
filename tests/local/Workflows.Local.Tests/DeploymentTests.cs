using System.Text.Json.Nodes;

namespace Workflows.Local.Tests;

/// <summary>terraform/deployment.json as make run reads it: settings merge like Terraform's, and mistakes get one sentence.</summary>
public sealed class DeploymentTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("deployment-").FullName;

    [Fact]
    public void A_function_s_own_entry_overrides_the_defaults_setting_by_setting()
    {
        var deployment = Write(json => json["functions"]!["even"] = new JsonObject { ["memory_size"] = 512, ["log_level"] = "DEBUG" });

        Assert.Equal(new FunctionSettings("", 512, 10, "JSON", "DEBUG"), deployment.SettingsOf("even"));
        Assert.Equal(new FunctionSettings("", 256, 10, "JSON", "INFO"), deployment.SettingsOf("not-configured"));
        Assert.Equal("serverless-workflows-even", deployment.FunctionName("even"));
        Assert.Equal("even", deployment.FunctionOf("serverless-workflows-even"));
        Assert.Null(deployment.FunctionOf("other-even"));
    }

    [Fact]
    public void A_variable_wired_to_no_source_is_named_with_the_fix()
    {
        var deployment = Write(json => json["workflows"]!["number-processor"]!["variables"]!["even_function_arn"] = "function.even");
        var catalog = new WorkflowCatalog(deployment, Path.Combine(root, "templates"));

        var error = Assert.Throws<RunException>(() => catalog.Find("number-processor"));

        Assert.StartsWith("terraform/deployment.json wires number-processor's even_function_arn to \"function.even\", which is no source", error.Message, StringComparison.Ordinal);
        // template_values lives in terraform/workflows.tf (main.tf holds the modules around the workflows).
        Assert.Contains("local.template_values in terraform/workflows.tf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_mistyped_setting_is_named()
    {
        var missing = Assert.Throws<RunException>(() => Write(json => json["function_defaults"]!.AsObject().Remove("timeout")).SettingsOf("even"));
        var mistyped = Assert.Throws<RunException>(() => Write(json => json["container"]!["task_timeout_seconds"] = "soon"));
        var notJson = Assert.Throws<RunException>(() => WriteText("{ \"name\": "));

        Assert.Contains("function_defaults or functions.even: timeout is missing (format: terraform/README.md)", missing.Message, StringComparison.Ordinal);
        Assert.Contains("container.task_timeout_seconds must be a whole number", mistyped.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid JSON", notJson.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_s_type_is_read_as_Terraform_takes_it()
    {
        var express = Write(json => json["workflows"]!["number-processor"]!["type"] = "EXPRESS");
        var lowercase = Assert.Throws<RunException>(() => Write(json => json["workflows"]!["number-processor"]!["type"] = "express"));
        var missing = Assert.Throws<RunException>(() => Write(json => json["workflows"]!["container-task"]!.AsObject().Remove("type")));

        Assert.Equal((WorkflowType.Express, WorkflowType.Standard), (express.Workflows["number-processor"].Type, express.Workflows["container-task"].Type));
        Assert.Contains("workflows.number-processor.type must be STANDARD or EXPRESS (format: terraform/README.md)", lowercase.Message, StringComparison.Ordinal);
        Assert.Contains("workflows.container-task.type is missing", missing.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private Deployment Write(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(Repo.Paths.Deployment))!;
        change(json);
        return WriteText(json.ToJsonString());
    }

    private Deployment WriteText(string text)
    {
        var path = Path.Combine(root, "deployment.json");
        File.WriteAllText(path, text);
        return Deployment.Load(path);
    }
}
