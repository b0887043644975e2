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

    // Contract 1 package names, in the order they are reported.
    public static readonly string[] Functions = { "number-generator", "even", "odd" };
}
