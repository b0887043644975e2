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
                await PublishAsync(name, Projects[name]);
            }
            return bootstrap;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task PublishAsync(string name, string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", $"lambdas/{project}/Lambdas.{project}.csproj", "-c", "Release", "-o", $"artifacts/publish/{name}", "-nologo" })
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
