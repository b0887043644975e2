using System.Diagnostics;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Tests;

/// <summary>The real sfn-local executable (built next to the tests), run as a process: argument parsing,
/// exactly one JSON object on stdout, and the exit codes.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sfn-proc-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
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

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_run_prints_one_json_line_and_exits_0()
    {
        var definition = Write("d.json", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"F"},"F":{"Type":"Fail","Error":"E","Cause":"C"}}}""");
        var (code, stdout, _) = Run("run", "--definition", definition, "--time-scale", "0");
        Assert.Equal(0, code);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Sfn.JsonEqual("""{"status":"FAILED","output":null,"error":"E","cause":"C"}""", Json.Parse(line));
    }

    [Fact]
    public void An_invalid_definition_exits_2() =>
        Assert.Equal(2, Run("run", "--definition", Write("d.json", """{"StartAt":"A","States":{"A":{"Type":"Pass"}}}""")).Code);

    [Fact]
    public void A_missing_required_option_exits_1_without_stdout()
    {
        var (code, stdout, stderr) = Run("run");
        Assert.Equal((1, ""), (code, stdout.Trim()));
        Assert.Contains("--definition", stderr, StringComparison.Ordinal);
    }
}
