using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lambdas.Tests.Support;

/// <summary>
/// The shipped bootstraps at artifacts/publish/&lt;name&gt;/bootstrap. `make test` publishes them first; when one
/// is missing (plain `dotnet test`), it is published here, once per test run.
/// </summary>
public sealed class PublishedBootstraps
{
    private static readonly Dictionary<string, string> Projects = new()
    {
        ["number-generator"] = "NumberGenerator",
        ["even"] = "Even",
        ["odd"] = "Odd",
    };
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> PathOfAsync(string name)
    {
        var bootstrap = Path.Combine(RepositoryRoot.Path, "artifacts", "publish", name, "bootstrap");
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(bootstrap))
            {
                await PublishAsync(Projects[name], $"artifacts/publish/{name}");
            }
            return bootstrap;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Fallbacks = new();

    /// <summary>
    /// artifacts/fallback/&lt;name&gt;/bootstrap: the function published with the ReadyToRun fallback switch
    /// (PublishAot=false, as `make package PUBLISH_AOT=false` passes it), once per test run so it is this
    /// commit's. It has its own artifacts path: the shipped AOT build's intermediate files stay untouched.
    /// </summary>
    public static Task<string> ReadyToRunFallbackOfAsync(string name) =>
        Fallbacks.GetOrAdd(name, _ => new Lazy<Task<string>>(() => PublishFallbackAsync(name))).Value;

    private static async Task<string> PublishFallbackAsync(string name)
    {
        var output = Path.Combine("artifacts", "fallback", name);
        await PublishAsync(Projects[name], output, "-p:PublishAot=false",
            $"-p:ArtifactsPath={Path.Combine(RepositoryRoot.Path, "artifacts", "fallback", "dotnet")}");
        return Path.Combine(RepositoryRoot.Path, output, "bootstrap");
    }

    private static async Task PublishAsync(string project, string outputFolder, params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", $"lambdas/{project}/Lambdas.{project}.csproj", "-c", "Release", "-o", outputFolder, "-nologo" }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }
        // Variables the test host's MSBuild leaves behind would point the child build at the wrong SDK pieces.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{await output}\n{await errors}");
        }
    }
}
