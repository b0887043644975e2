// Where things are. Paths are relative to the repository root, which is where `make` runs Cake.
static class Paths
{
    public const string Solution = "ServerlessWorkflows.slnx";
    public const string Artifacts = "artifacts";
    public const string PublishRoot = "artifacts/publish";     // contract 1: artifacts/publish/<name>/bootstrap
    public const string Lambdas = "artifacts/lambdas";         // contract 1: <name>.zip + manifest.json
    public const string Manifest = "artifacts/lambdas/manifest.json";
    public const string Tools = "artifacts/bin";               // contract 4: artifacts/bin/sfn-local
    public const string PublishProject = "build/publish.proj"; // publishes the functions in one parallel build
    public const string PackagingTool = "artifacts/dotnet/bin/Packaging/release/Packaging.dll";
    public const string Terraform = "terraform";
    public const string TerraformPlans = "artifacts/terraform";

    // The package names of the functions publish.proj found under lambdas/ and published: the folders of
    // <publishRoot> holding a bootstrap (publish removes those of functions that no longer exist).
    public static string[] FunctionsIn(string publishRoot)
    {
        var names = System.IO.Directory.Exists(publishRoot)
            ? System.IO.Directory.GetDirectories(publishRoot)
                .Where(folder => System.IO.File.Exists(System.IO.Path.Combine(folder, "bootstrap")))
                .Select(folder => System.IO.Path.GetFileName(folder))
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToArray()
            : Array.Empty<string>();
        if (names.Length == 0)
        {
            throw new CakeException($"no function was published under {publishRoot}; run the publish step first (`make package` does).");
        }
        return names;
    }
}
