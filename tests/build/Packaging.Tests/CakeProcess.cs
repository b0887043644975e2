using System.Diagnostics;

namespace Build.Packaging.Tests;

/// <summary>
/// Runs one target of the real Cake build (build/build.cake) from the repository root, with every AWS_*
/// variable of this machine removed and the given variables set. Tests that run Cake share one collection:
/// they would otherwise race on Cake's script cache.
/// </summary>
public static class CakeProcess
{
    public const string Collection = "cake";

    public static (int ExitCode, string Output) Run(string target, IEnumerable<(string Name, string Value)> variables)
    {
        var start = new ProcessStartInfo("dotnet",
            ["tool", "run", "dotnet-cake", "build/build.cake", $"--target={target}", "--settings_enablescriptcache=true"])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServerlessWorkflows.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("ServerlessWorkflows.slnx not found above the test binaries");
    }
}

[CollectionDefinition(CakeProcess.Collection, DisableParallelization = true)]
public sealed class CakeCollection;
