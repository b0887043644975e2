using System.Diagnostics;

namespace Workflows.Local.Tests;

/// <summary>The repository the tests run in, and a scratch copy of its run folder per test.</summary>
internal static class Repo
{
    public static RunPaths Paths { get; } = RunPaths.FindFrom(AppContext.BaseDirectory);

    /// <summary>Paths whose artifacts/run is private to one test (the packages and templates stay the repository's).</summary>
    public static ScratchPaths Scratch() => new(Paths);

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

    public RunPaths Paths { get; }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
