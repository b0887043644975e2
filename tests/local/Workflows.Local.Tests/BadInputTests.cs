using Workflows.Local.Cli;

namespace Workflows.Local.Tests;

/// <summary>What a user can get wrong gets one sentence naming the fix, and no result file.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task An_unknown_workflow_names_the_known_ones()
    {
        using var scratch = Repo.Scratch();

        var error = await Assert.ThrowsAsync<RunException>(() => WorkflowRunner.RunAsync(new RunRequest("numbers"), scratch.Paths));

        Assert.Contains("number-processor, container-task", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.Paths.RunDirectory));
    }

    [Fact]
    public async Task Invalid_input_json_says_so_and_writes_nothing()
    {
        using var scratch = Repo.Scratch();

        var error = await Assert.ThrowsAsync<RunException>(() =>
            WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor, "{min: 1"), scratch.Paths));

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

        var error = await Assert.ThrowsAsync<RunException>(() => WorkflowRunner.RunAsync(new RunRequest(WorkflowCatalog.NumberProcessor), paths));

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
        Assert.Equal("make run: Unknown workflow \"nope\": use one of number-processor, container-task, orchestrator, run-deadline, job-net-gate.", stderr.Trim());
    }

    [Fact]
    public void An_input_file_that_does_not_exist_is_named_not_taken_for_a_response_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-manifest-{Guid.NewGuid():N}.json");
        var (exitCode, stdout, stderr) = Repo.Exec("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "local-run.dll")} --workflow number-processor --input @{missing} --root {Repo.Paths.Root}");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith($"make run: The input file {missing} does not exist: INPUT=@path reads", stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_file_is_read_relative_to_the_current_folder()
    {
        var folder = Directory.CreateTempSubdirectory("input-argument-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "manifest.json"), """{"run_id": "r1"}""");

            Assert.Equal("""{"run_id": "r1"}""", InputArgument.Read("@manifest.json", folder.FullName));
            Assert.Equal("""{"min": 1}""", InputArgument.Read("""{"min": 1}""", folder.FullName));
            Assert.Throws<RunException>(() => InputArgument.Read("@", folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_input_file_with_bad_json_is_reported_as_bad_input()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-manifest-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{not json");
        try
        {
            var (exitCode, _, stderr) = Repo.Exec("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "local-run.dll")} --workflow number-processor --input @{file} --root {Repo.Paths.Root}");

            Assert.Equal(2, exitCode);
            Assert.StartsWith("make run: The execution input is not valid JSON", stderr.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
