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
    $"package --publish-root {Paths.PublishRoot} --output {Paths.Lambdas} {string.Join(" ", Paths.FunctionsIn(Paths.PublishRoot))}",
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

// Two clean builds must give the same bytes, or every pull request's plan would show a Lambda change. The
// second build runs in a copy of the sources at another path, as a CI checkout would be.
Task("verify-reproducible")
    .Description("Clean-build the packages here and in a copy elsewhere; fail unless zips and manifest are byte-identical")
    .IsDependentOn("aot-toolchain")
    .Does(() =>
{
    var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verify-reproducible-" + Guid.NewGuid().ToString("N")[..8]);
    try
    {
        Information("verify-reproducible: clean build 1 of 2, in {0}", Context.Environment.WorkingDirectory);
        if (DirectoryExists(Paths.Artifacts))
        {
            DeleteDirectory(Paths.Artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
        }
        PublishFunctions(Paths.PublishProject);
        Zip();

        Information("verify-reproducible: clean build 2 of 2, in {0}", copy);
        CopySources(copy);
        PublishFunctions($"{copy}/{Paths.PublishProject}");
        PackagingTool($"package --publish-root {copy}/{Paths.PublishRoot} --output {copy}/{Paths.Lambdas} {string.Join(" ", Paths.FunctionsIn($"{copy}/{Paths.PublishRoot}"))}", null);

        var differences = new List<string>();
        foreach (var file in GetFiles($"{Paths.Lambdas}/*").OrderBy(file => file.FullPath, StringComparer.Ordinal))
        {
            var name = file.GetFilename().FullPath;
            var other = $"{copy}/{Paths.Lambdas}/{name}";
            var identical = FileExists(other) && System.IO.File.ReadAllBytes(file.FullPath).AsSpan().SequenceEqual(System.IO.File.ReadAllBytes(other));
            Information("verify-reproducible: {0,-24} sha256 {1} {2}", name, CalculateFileHash(file, HashAlgorithm.SHA256).ToHex(), identical ? "identical" : "DIFFERS");
            if (!identical)
            {
                differences.Add(name);
            }
        }
        if (differences.Count > 0)
        {
            throw new CakeException($"two clean builds produced different {string.Join(", ", differences)}; something non-deterministic " +
                $"reached the publish output (compare {Paths.PublishRoot}/<name>/bootstrap with the copy's using `cmp -l`).");
        }
    }
    finally
    {
        if (System.IO.Directory.Exists(copy))
        {
            System.IO.Directory.Delete(copy, recursive: true);
        }
    }
});

// The working tree as git sees it (tracked and new files, minus ignored ones), so uncommitted edits count too.
void CopySources(string destination)
{
    StartProcess("git", new ProcessSettings { Arguments = "ls-files -z --cached --others --exclude-standard", RedirectStandardOutput = true },
        out IEnumerable<string> lines);
    foreach (var file in string.Join("\n", lines).Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(System.IO.File.Exists))
    {
        var target = System.IO.Path.Combine(destination, file);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target));
        System.IO.File.Copy(file, target);
    }
}
