using Aws.Local;
using StepFunctions.Local.Templates;

namespace StepFunctions.Bench;

/// <summary>The definitions both engines run, in one folder: the Map benchmarks from <c>definitions/</c> and the
/// number processor rendered from terraform/templates, so the benchmark runs what Terraform deploys.</summary>
internal static class Definitions
{
    public const string NumberProcessor = "number-processor.asl.json";

    public static string Prepare()
    {
        var folder = Directory.CreateTempSubdirectory("sfn-bench-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "definitions"), "*.asl.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", NumberProcessor));
        var variables = new Dictionary<string, string>
        {
            ["number_generator_function_arn"] = Function("number-generator"),
            ["even_function_arn"] = Function("even"),
            ["odd_function_arn"] = Function("odd"),
            ["partition"] = LocalAccount.Partition,
        };
        File.WriteAllText(Path.Combine(folder, NumberProcessor), TemplateRenderer.Render(template, variables));
        return folder;
    }

    private static string Function(string name) => Arn.Local("lambda", "function:" + name).ToString();
}
