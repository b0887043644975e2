using System.Text.Json;
using System.Text.Json.Nodes;
using Build.Packaging;
using StepFunctions.Local;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Integrations;

namespace Workflows.Local.Tests;

/// <summary>
/// Adding a function is adding its folder under lambdas/, and adding a workflow is one deployment.json entry
/// plus its template: in a copy of the repository, a fourth function is found by the build, listed in the
/// manifest, planned by Terraform with deployment.json's defaults and offered by make run with the same
/// settings; a third workflow wired to it gets a state machine in Terraform and runs in make run.
/// (Nothing is compiled: discovery and wiring are what is under test.)
/// </summary>
public sealed class AddAFunctionTests
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <Import Project="../Function.props" />
          <PropertyGroup>
            <RootNamespace>Lambdas.TripleNumber</RootNamespace>
          </PropertyGroup>
        </Project>
        """;

    private const string Program = """"
        using Lambdas.Runtime;
        using Lambdas.TripleNumber;

        return await LambdaBootstrap.RunAsync(() => JsonHandler.Create(
            (TripleInput input, ILambdaContext context) => new TripleOutput((input.Number ?? 0) * 3),
            TripleJsonContext.Default.TripleInput,
            TripleJsonContext.Default.TripleOutput,
            new InputContract("""{"number": 7}""", new Dictionary<string, string> { ["number"] = "an integer (64-bit)" })));
        """";

    private const string Models = """
        using System.Text.Json.Serialization;

        namespace Lambdas.TripleNumber;

        public sealed record TripleInput([property: JsonPropertyName("number")] long? Number);

        public sealed record TripleOutput([property: JsonPropertyName("number")] long Number);

        [JsonSerializable(typeof(TripleInput))]
        [JsonSerializable(typeof(TripleOutput))]
        internal sealed partial class TripleJsonContext : JsonSerializerContext;
        """;

    private const string Template = """
        {
          "StartAt": "Triple",
          "States": {
            "Triple": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "${triple_function_arn}", "Payload.$": "$" },
              "OutputPath": "$.Payload",
              "End": true
            }
          }
        }
        """;

    [Fact]
    public async Task A_lambdas_folder_and_a_deployment_json_entry_are_all_a_function_and_its_workflow_take()
    {
        using var repo = new TerraformConsole(Path.Combine(Repo.Paths.Root, "terraform"));
        TerraformConsole.CopyConfiguration(Path.Combine(Repo.Paths.Root, "lambdas"), Path.Combine(repo.Root, "lambdas"));
        Directory.CreateDirectory(Path.Combine(repo.Root, "build"));
        File.Copy(Path.Combine(Repo.Paths.Root, "build", "publish.proj"), Path.Combine(repo.Root, "build", "publish.proj"));

        var folder = Path.Combine(repo.Root, "lambdas", "TripleNumber");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Lambdas.TripleNumber.csproj"), Project);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(folder, "TripleModels.cs"), Models);

        // The workflow: one entry in deployment.json, and its template.
        var deploymentJson = Path.Combine(repo.Directory, "deployment.json");
        var deployment = JsonNode.Parse(File.ReadAllText(deploymentJson))!;
        deployment["workflows"]!["triple-processor"] = new JsonObject
        {
            ["type"] = "EXPRESS",
            ["template"] = "triple-processor.asl.json",
            ["variables"] = new JsonObject { ["triple_function_arn"] = "functions.triple-number.arn" },
        };
        File.WriteAllText(deploymentJson, deployment.ToJsonString());
        File.WriteAllText(Path.Combine(repo.Directory, "templates", "triple-processor.asl.json"), Template);

        // The build: publish.proj's Function items, as `make package` publishes them.
        var functions = DiscoveredFunctions(Path.Combine(repo.Root, "build", "publish.proj"));
        Assert.Equal(["even", "job-net", "number-generator", "odd", "triple-number"], functions.Order(StringComparer.Ordinal));

        // The manifest: the build's packager over one (stand-in) bootstrap per published function.
        var paths = new RunPaths(repo.Root);
        var publishRoot = Path.Combine(repo.Root, "artifacts", "publish");
        foreach (var function in functions)
        {
            Directory.CreateDirectory(Path.Combine(publishRoot, function));
            File.WriteAllText(Path.Combine(publishRoot, function, LambdaPackager.EntryPoint), $"#!/bin/sh\necho {function}\n");
        }

        LambdaPackager.Package(publishRoot, Path.GetDirectoryName(paths.Manifest)!, functions);
        Assert.Contains("triple-number", TerraformDriftTests.ManifestFunctions(paths.Manifest));

        // Terraform plans a fourth function, and derives for it what make run does.
        var terraform = repo.EvaluateMap(
            "merge({ for function, lambda in module.lambda : \"module:${function}\" => function }, " +
            "{ for workflow, spec in local.workflows : \"module:${workflow}\" => join(\",\", [for name, integration in spec.integrations : name if integration != null]) }, " +
            TerraformDriftTests.Expression.Trim()[("merge(".Length)..],
            paths.Manifest);
        Assert.Equal("triple-number", terraform["module:triple-number"]); // an instance of module.lambda
        Assert.Equal("lambda", terraform["module:triple-processor"]); // a state machine allowed to call what it is wired to
        Assert.Equal(
            """{"description":"","function_name":"serverless-workflows-triple-number","log_format":"JSON","log_level":"INFO","memory_size":256,"timeout":10}""",
            terraform["function:triple-number"]);
        var drift = TerraformDriftTests.Drift(
            terraform.Where(entry => !entry.Key.StartsWith("module:", StringComparison.Ordinal)).ToDictionary(), paths, TerraformDriftTests.ManifestFunctions(paths.Manifest));
        Assert.True(drift.Count == 0, "Terraform and make run disagree about the new function:\n" + string.Join("\n", drift));

        // make run: the package is unpacked and offered under its deployed name, with its settings.
        var packages = PackagedFunctions.Load(paths.Manifest, paths.Functions);
        var catalog = WorkflowCatalog.Load(paths);
        Assert.NotNull(packages.BootstrapOf(catalog.Deployment.FunctionOf("serverless-workflows-triple-number")!));
        Assert.Equal(new FunctionSettings("", 256, 10, "JSON", "INFO"), catalog.Deployment.SettingsOf("triple-number"));

        // make run: the new workflow, rendered and run (the function in process: it was never compiled).
        Assert.Contains("triple-processor", catalog.Names);
        var workflow = catalog.Find("triple-processor")!;
        var resolver = new ResolverBuilder()
            .AddFunction(catalog.Deployment.FunctionName("triple-number"), input => new JsonObject { ["number"] = input!["number"]!.GetValue<int>() * 3 })
            .Build();
        var result = await WorkflowRunner.Compile(workflow).ExecuteAsync(new JsonObject { ["number"] = 7 }, new ExecutionOptions { Resolver = resolver, TimeScale = 0 });
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(21, result.Output!["number"]!.GetValue<int>());
    }

    /// <summary>Package names of the Function items publish.proj finds (evaluation only: nothing is built).</summary>
    private static List<string> DiscoveredFunctions(string publishProject)
    {
        var (exitCode, stdout, stderr) = Repo.Exec("dotnet", $"msbuild {publishProject} -getItem:Function -nologo");
        Assert.True(exitCode == 0, $"dotnet msbuild -getItem:Function failed:\n{stdout}\n{stderr}");
        using var items = JsonDocument.Parse(stdout);
        return [.. items.RootElement.GetProperty("Items").GetProperty("Function").EnumerateArray().Select(function => function.GetProperty("PackageName").GetString()!)];
    }
}
