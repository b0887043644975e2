namespace Workflows.Local.Tests;

/// <summary>What a user can get wrong gets one sentence naming the fix, and no result file.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task An_unknown_workflow_names_the_known_ones()
    {
        using var scratch = Repo.Scratch();

        var error = await Assert.ThrowsAsync<RunException>(() => WorkflowRunner.RunAsync(new RunRequest("numbers"), scratch.Paths, TextWriter.Null));

        Assert.Contains("number-processor, container-task", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.Paths.RunDirectory));
    }

    [Fact]
    public async Task Invalid_input_json_says_so_and_writes_nothing()
    {
        using var scratch = Repo.Scratch();

        var error = await Assert.ThrowsAsync<RunException>(() =>
            WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor, "{min: 1"), scratch.Paths, TextWriter.Null));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(scratch.Paths.HistoryOf(WorkflowCatalog.NumberProcessor)));
    }

    [Fact]
    public async Task Missing_packages_point_at_make_package()
    {
        using var scratch = Repo.Scratch();
        var paths = new RunPaths(Path.Combine(scratch.Paths.Root, "elsewhere"));
        Directory.CreateDirectory(Path.Combine(paths.Root, "terraform"));
        Directory.CreateSymbolicLink(paths.Templates, Repo.Paths.Templates);
        File.CreateSymbolicLink(paths.Deployment, Repo.Paths.Deployment);

        var error = await Assert.ThrowsAsync<RunException>(() => WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor), paths, TextWriter.Null));

        Assert.Contains("make package", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(paths.HistoryOf(WorkflowCatalog.NumberProcessor)));
    }

    [Fact]
    public async Task A_zip_that_does_not_match_the_manifest_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("local-run-tampered-").FullName;
        try
        {
            var lambdas = Path.Combine(root, "artifacts", "lambdas");
            Directory.CreateDirectory(lambdas);
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Repo.Paths.Manifest)!))
            {
                File.Copy(file, Path.Combine(lambdas, Path.GetFileName(file)));
            }

            await using (var zip = File.OpenWrite(Path.Combine(lambdas, "even.zip")))
            {
                zip.Seek(-1, SeekOrigin.End);
                zip.WriteByte(0x42);
            }

            var paths = new RunPaths(root);
            var error = Assert.Throws<RunException>(() => PackagedFunctions.Load(paths.Manifest, paths.Functions));

            Assert.Contains("even.zip does not match its SHA-256", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_command_line_prints_one_sentence_and_exits_2()
    {
        var (exitCode, stdout, stderr) = Repo.Exec("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "local-run.dll")} --workflow nope --root {Repo.Paths.Root}");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal("make run: Unknown workflow \"nope\": use one of number-processor, container-task.", stderr.Trim());
    }
}
