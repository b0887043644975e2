using System.Diagnostics;

namespace Workflows.Local.Tests;

/// <summary>The repository the tests run in, and a scratch copy of its run folder per test.</summary>
internal static class Repo
{
    public static RunPaths Paths { get; } = RunPaths.FindFrom(AppContext.BaseDirectory);

    /// <summary>Paths whose artifacts/run is private to one test (the packages and templates stay the repository's).</summary>
    public static ScratchPaths Scratch() => new(Paths);

    /// <summary>A scratch whose deployment.json is the repository's as <paramref name="change"/> edits it, and whose
    /// templates are the repository's plus <paramref name="extraTemplates"/> (file name → text).</summary>
    public static ScratchPaths Scratch(Action<System.Text.Json.Nodes.JsonObject> change, IReadOnlyDictionary<string, string>? extraTemplates = null) =>
        new(Paths, change, extraTemplates ?? new Dictionary<string, string>());

    /// <summary>Runs a program to completion and returns its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Exec(string fileName, string arguments, string? workingDirectory = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = workingDirectory ?? Paths.Root,
        };
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>The repository's packages, templates and deployment.json with a temporary artifacts/run, deleted afterwards.</summary>
internal sealed class ScratchPaths : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("local-run-").FullName;

    public ScratchPaths(RunPaths repository)
    {
        Directory.CreateDirectory(Path.Combine(root, "terraform"));
        Directory.CreateDirectory(Path.Combine(root, "artifacts"));
        Directory.CreateSymbolicLink(Path.Combine(root, "terraform", "templates"), repository.Templates);
        File.CreateSymbolicLink(Path.Combine(root, "terraform", "deployment.json"), repository.Deployment);
        Directory.CreateSymbolicLink(Path.Combine(root, "artifacts", "lambdas"), Path.GetDirectoryName(repository.Manifest)!);
        Paths = new RunPaths(root);
    }

    public ScratchPaths(RunPaths repository, Action<System.Text.Json.Nodes.JsonObject> change, IReadOnlyDictionary<string, string> extraTemplates)
    {
        var templates = Path.Combine(root, "terraform", "templates");
        Directory.CreateDirectory(templates);
        Directory.CreateDirectory(Path.Combine(root, "artifacts"));
        foreach (var file in Directory.GetFiles(repository.Templates))
        {
            File.CreateSymbolicLink(Path.Combine(templates, Path.GetFileName(file)), file);
        }
        foreach (var (name, text) in extraTemplates)
        {
            File.WriteAllText(Path.Combine(templates, name), text);
        }
        var deployment = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(repository.Deployment))!.AsObject();
        change(deployment);
        File.WriteAllText(Path.Combine(root, "terraform", "deployment.json"), deployment.ToJsonString());
        Directory.CreateSymbolicLink(Path.Combine(root, "artifacts", "lambdas"), Path.GetDirectoryName(repository.Manifest)!);
        Paths = new RunPaths(root);
    }

    public RunPaths Paths { get; }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
