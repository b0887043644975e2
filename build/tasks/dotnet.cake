// .NET steps: restore, build, publish the Lambdas, run the test projects.

Task("clean")
    .Description("Remove all build output (artifacts/)")
    .Does(() =>
{
    if (DirectoryExists(Paths.Artifacts))
    {
        DeleteDirectory(Paths.Artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
    }
    Information("clean: removed {0}/", Paths.Artifacts);
});

Task("restore")
    .Description("Restore NuGet packages for the solution")
    .Does(() => Run("dotnet", $"restore {Paths.Solution} -nologo",
        "check the package names/versions in Directory.Packages.props against the NuGet mirror"));

Task("build")
    .Description("Compile the solution and publish command-line tools to artifacts/bin")
    .IsDependentOn("restore")
    .Does(() =>
{
    Run("dotnet", $"build {Paths.Solution} --no-restore -nologo", "the compiler errors above name the file and line");
    PublishTools();
});

// The offline tools land in artifacts/bin/: `sfn-local` (run any ASL definition) and `local-run` (make run).
void PublishTools()
{
    foreach (var project in new[] { "local/StepFunctions.Local.Cli", "local/Workflows.Local.Cli" })
    {
        Run("dotnet", $"publish {project} -nologo -v:q -o {Paths.Tools}");
    }
}

// All three functions in one MSBuild graph (build/publish.proj): the shared runtime library compiles once and
// the native compile/link steps run side by side. Unchanged functions are skipped by MSBuild's own
// incremental checks, and unchanged outputs keep their timestamps.
Task("publish")
    .Description("Publish each Lambda as a linux-x64 Native AOT bootstrap into artifacts/publish/<name>/ (PUBLISH_AOT=false: ReadyToRun)")
    .IsDependentOn("aot-toolchain")
    .Does(() => PublishFunctions(Paths.PublishProject));

// `project` is build/publish.proj here or in a copy of the sources (verify-reproducible).
void PublishFunctions(string project) =>
    Run("dotnet", $"msbuild {project} -restore -m -nologo -v:m{PublishAotArgument()}",
        "the errors above name the project; publish settings live in lambdas/Function.props");

Task("dotnet-test")
    .Description("Run every test project in the solution on the published and packaged Lambdas")
    .IsDependentOn("build")
    // Lambda end-to-end tests start artifacts/publish/<name>/bootstrap; the local workflow tests unpack
    // artifacts/lambdas/<name>.zip. Both must be this commit's, so package (publish, zip, guard) first.
    .IsDependentOn("package")
    // The console logger prints each project's "Passed!  - Failed: N, Passed: N" line, which .ci/run sums.
    .Does(() => Run("dotnet", $"test {Paths.Solution} --no-build -nologo",
        "see the failed tests listed above"));

Task("dotnet-fmt")
    .Description("Fix C# whitespace and indentation per .editorconfig")
    .Does(() => Run("dotnet", $"format whitespace {Paths.Solution}"));
