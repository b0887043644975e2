using System.Diagnostics;
using System.Text.Json;

namespace Lambdas.Bench;

/// <summary>The bootstraps to measure: the shipped Native AOT build, the ReadyToRun fallback, a framework-dependent JIT build of the same code, and the
/// floor: a minimal C program that only talks to the Runtime API.</summary>
public static class Builds
{
    public static string Root { get; } = FindRoot();

    /// <summary>Package name → project of every function, as build/publish.proj discovers them under lambdas/.</summary>
    public static IReadOnlyDictionary<string, string> Projects { get; } = DiscoverFunctions();

    /// <summary>artifacts/publish/&lt;name&gt;/bootstrap: the shipped Native AOT build (`make bench-lambdas` packages first).</summary>
    public static string Shipped(string name)
    {
        var path = Path.Combine(Root, "artifacts", "publish", name, "bootstrap");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing; run `make package` first (`make bench-lambdas` does).");
        }
        return path;
    }

    /// <summary>The ReadyToRun fallback (`PublishAot=false`): self-contained, single-file, trimmed, ReadyToRun.</summary>
    public static string ReadyToRun(string name) => PublishVariant(name, "r2r", "-p:PublishAot=false");

    /// <summary>The same project, framework-dependent, not trimmed, not ReadyToRun: everything JIT-compiled at start.</summary>
    public static string Jit(string name) => PublishVariant(name, "jit", "-p:PublishAot=false", "-p:SelfContained=false",
        "-p:PublishSingleFile=false", "-p:PublishTrimmed=false", "-p:PublishReadyToRun=false");

    /// <summary>MinimalBootstrap.c compiled with gcc (as the AOT bootstrap is linked): connect, GET /next, post a fixed response, exit.</summary>
    public static string Minimal()
    {
        var source = Path.Combine(Root, "bench", "Lambdas.Bench", "MinimalBootstrap.c");
        var output = Path.Combine(Root, "artifacts", "bench", "minimal", "bootstrap");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var start = new ProcessStartInfo("gcc", ["-O2", "-o", output, source]) { RedirectStandardError = true };
        Process? process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("The minimal C baseline needs gcc on PATH: install gcc libc6-dev (`make prerequisites`), as the AOT build does.");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"gcc {source} failed:\n{errors}");
            }
        }
        return output;
    }

    // Each variant has its own artifacts path so its settings never mix with the shipped build's intermediate files.
    private static string PublishVariant(string name, string variant, params string[] properties)
    {
        var output = $"artifacts/bench/{variant}/{name}";
        Publish(Projects[name], output, [.. properties, $"-p:ArtifactsPath={Path.Combine(Root, "artifacts", "bench", variant, "dotnet")}"]);
        return Path.Combine(Root, output, "bootstrap");
    }

    private static void Publish(string project, string output, params string[] extra)
    {
        Console.WriteLine($"publishing {project} -> {output}");
        var (exitCode, log) = Dotnet([.. new[] { "publish", project, "-c", "Release", "-o", output, "-nologo" }, .. extra]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{log}");
        }
    }

    private static Dictionary<string, string> DiscoverFunctions()
    {
        var (exitCode, output) = Dotnet("msbuild", "build/publish.proj", "-getItem:Function", "-nologo");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet msbuild build/publish.proj -getItem:Function failed:\n{output}");
        }
        using var items = JsonDocument.Parse(output);
        return items.RootElement.GetProperty("Items").GetProperty("Function").EnumerateArray()
            .ToDictionary(function => function.GetProperty("PackageName").GetString()!, function => function.GetProperty("FullPath").GetString()!);
    }

    /// <summary>Runs dotnet in the repository root; returns its exit code and standard output.</summary>
    private static (int ExitCode, string Output) Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository (no global.json found above the benchmark).");
    }
}
