using System.Diagnostics;

namespace Ci.Tests;

/// <summary>The repository these tests check, and the external tools they run on it.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string NodeFolder => Path("tests", "ci", "Ci.Tests", "node");

    public static IReadOnlyList<string> Workflows =>
        [.. Directory.GetFiles(Path(".github", "workflows"), "*.yml").Order(StringComparer.Ordinal)];

    /// <summary>Runs a tool to completion; a missing tool fails with the prerequisite that installs it.</summary>
    public static (int ExitCode, string Output, string Error) Run(string tool, IEnumerable<string> arguments, string? input = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = workingDirectory ?? Root,
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"`{tool}` is not installed: run `make prerequisites` (build/prerequisites.sh installs it).");
        }
        using (process)
        {
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ServerlessWorkflows.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("ServerlessWorkflows.slnx not found above the test binaries");
    }
}
