using System.Diagnostics;
using Lambda.Local;

namespace Workflows.Local;

/// <summary>
/// DEBUG_FUNCTION=even: that function runs from its project, built with the JIT in Debug (symbols, no AOT), under
/// the same local Runtime API as the packaged ones, so a debugger can attach to its process and stop in the
/// handler while a workflow runs. One instance (the process to attach to), and the timeouts Lambda's maximum,
/// so a paused breakpoint does not turn into Sandbox.Timedout.
/// </summary>
/// <param name="Package">The function's package name (a key of terraform/deployment.json's functions).</param>
/// <param name="BootstrapPath">The Debug build's <c>bootstrap</c> (the .NET app host of its JIT build).</param>
/// <param name="Started">Told each process id as it starts (make console and make run print it).</param>
public sealed record DebugFunction(string Package, string BootstrapPath, Action<int> Started)
{
    /// <summary>The pool version of a debugged function: never equal to a package's SHA-256, so a package
    /// rebuilt meanwhile does not replace the debug build.</summary>
    public const string Version = "debug";

    /// <summary>The longest timeout Lambda allows (15 min).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The debug build for DEBUG_FUNCTION, or null when it is unset.</summary>
    public static DebugFunction? FromEnvironment(RunPaths paths, IReadOnlyCollection<string> functions, Action<int> started)
    {
        var package = Environment.GetEnvironmentVariable("DEBUG_FUNCTION");
        return string.IsNullOrWhiteSpace(package) ? null : Build(paths, functions, package.Trim(), started);
    }

    /// <summary>Builds lambdas/&lt;Folder&gt; in Debug with the JIT (the folder of package "number-generator" is NumberGenerator).</summary>
    public static DebugFunction Build(RunPaths paths, IReadOnlyCollection<string> functions, string package, Action<int> started)
    {
        if (!functions.Contains(package))
        {
            throw new RunException($"DEBUG_FUNCTION={package} is not a function of terraform/deployment.json: use one of {string.Join(", ", functions.Order(StringComparer.Ordinal))}.");
        }
        var folder = string.Concat(package.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
        var project = Path.Combine(paths.Root, "lambdas", folder, $"Lambdas.{folder}.csproj");
        if (!File.Exists(project))
        {
            throw new RunException($"DEBUG_FUNCTION={package}: no project at {project} (a function's project is lambdas/<Folder>/Lambdas.<Folder>.csproj).");
        }
        var build = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", project, "-c", "Debug", "-p:PublishAot=false", "-nologo", "-v:q" })
        {
            build.ArgumentList.Add(argument);
        }
        using var process = Process.Start(build) ?? throw new RunException("DEBUG_FUNCTION: could not start `dotnet build`; is the .NET SDK on PATH?");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new RunException($"DEBUG_FUNCTION={package}: `dotnet build {project} -c Debug` failed; fix the errors it printed:{Environment.NewLine}{output.Result}{errors}");
        }
        var bootstrap = Path.Combine(paths.Root, "artifacts", "dotnet", "bin", $"Lambdas.{folder}", "debug_linux-x64", "bootstrap");
        if (!File.Exists(bootstrap))
        {
            throw new RunException($"DEBUG_FUNCTION={package}: the build made no {bootstrap}; lambdas/Function.props should name the executable bootstrap.");
        }
        return new DebugFunction(package, bootstrap, started);
    }

    /// <summary>The packaged function's options, run from the debug build.</summary>
    public LocalFunctionOptions Apply(LocalFunctionOptions packaged) => packaged with
    {
        BootstrapPath = BootstrapPath,
        // Lambda's longest timeout gives a debugger stopped at a breakpoint time; one instance takes every invocation.
        Timeout = MaxTimeout,
        InitTimeout = MaxTimeout,
        QueueTimeout = MaxTimeout,
        MaxInstances = 1,
        ProcessStarted = Started,
    };
}
