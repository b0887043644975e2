using System.Diagnostics;

namespace StepFunctions.Local.Tests;

/// <summary>The real sfn-local executable (built next to the tests), run as a process.</summary>
internal static class SfnLocalProcess
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sfn-local.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
