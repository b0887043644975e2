// Packaging: deterministic zips + manifest, then the guard. The logic is C# in build/Packaging (unit-tested
// in tests/build/); these tasks only call it. `publish` builds that tool in the same MSBuild run.

void PackagingTool(string arguments, string hint)
{
    if (!FileExists(Paths.PackagingTool))
    {
        throw new CakeException($"{Paths.PackagingTool} is missing; run the publish step first (`make package` does).");
    }
    Run("dotnet", $"{Paths.PackagingTool} {arguments}", hint);
}

void Zip() => PackagingTool(
    $"package --publish-root {Paths.PublishRoot} --output {Paths.Lambdas} {string.Join(" ", Paths.Functions)}",
    "the message above names the function to publish again");

void RunGuard() => PackagingTool(
    $"guard --manifest {Paths.Manifest} --publish-root {Paths.PublishRoot}",
    "each line above names the file and the fix");

Task("zip")
    .Description("Zip each published function reproducibly into artifacts/lambdas/ and write manifest.json")
    .IsDependentOn("publish")
    .Does(Zip);

Task("guard")
    .Description("Fail when a bootstrap is not executable, needs glibc newer than 2.34, or a zip exceeds 50 MB")
    .IsDependentOn("zip")
    .Does(RunGuard);

Task("package")
    .Description("Publish, zip and guard every Lambda")
    .IsDependentOn("guard");

// Two clean builds must give the same bytes, or every pull request's plan would show a Lambda change.
Task("verify-reproducible")
    .Description("Clean-build the packages twice and fail unless the zips and manifest are byte-identical")
    .Does(() =>
{
    var runs = new List<Dictionary<string, string>>();
    for (var run = 1; run <= 2; run++)
    {
        Information("verify-reproducible: clean build {0} of 2", run);
        if (DirectoryExists(Paths.Artifacts))
        {
            DeleteDirectory(Paths.Artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
        }
        Run("dotnet", $"msbuild {Paths.PublishProject} -restore -m -nologo -v:m");
        Zip();
        runs.Add(GetFiles($"{Paths.Lambdas}/*").ToDictionary(
            file => file.GetFilename().FullPath,
            file => CalculateFileHash(file, HashAlgorithm.SHA256).ToHex()));
    }

    var differences = runs[0].Keys.Union(runs[1].Keys)
        .Where(name => runs[0].GetValueOrDefault(name) != runs[1].GetValueOrDefault(name))
        .ToList();
    foreach (var (name, hash) in runs[1].OrderBy(pair => pair.Key, StringComparer.Ordinal))
    {
        Information("verify-reproducible: {0,-24} sha256 {1} {2}", name, hash, differences.Contains(name) ? "DIFFERS" : "identical");
    }
    if (differences.Count > 0)
    {
        throw new CakeException($"two clean builds produced different {string.Join(", ", differences)}; something non-deterministic " +
            "reached the publish output (compare the two bootstraps with `cmp -l`).");
    }
});
