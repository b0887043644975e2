using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace StepFunctions.Service.Tests;

/// <summary>The real server (sfn-service.dll) as a child process on a free port, with its own database.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<string> endpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string database)
    {
        this.process = process;
        Database = database;
    }

    /// <summary>The repository (templates and Lambda packages are read from it).</summary>
    public static string Root { get; } = FindRoot();

    public string Endpoint => endpoint.Task.Result;
    public string Database { get; }
    public string Output { get { lock (output) { return output.ToString(); } } }
    public bool HasExited => process.HasExited;

    /// <summary>CPU time the server has used so far (user + system), which the benchmark divides by executions.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <param name="database">Reuse a database (a restart); null makes a fresh one.</param>
    public static async Task<ServerProcess> StartAsync(string? database = null, string arguments = "--time-scale 0", IDictionary<string, string>? environment = null)
    {
        database ??= Path.Combine(Directory.CreateTempSubdirectory("sfn-service-").FullName, "sfn.db");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "sfn-service.dll"), "--port", "0", "--db", database, "--root", Root },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in new[] { "PORT", "HOST", "SFN_DB", "SFN_MOCK_CONFIG", "TIME_SCALE", "ECS_EXIT_CODE", "ECS_FAIL_JOBS",
            "SFN_MAX_COMPILED_MACHINES", "SFN_MAX_EXPRESS_RUNS", "SFN_MAX_QUEUED_WRITES", "SFN_MAX_LIVE_STREAMS",
            "SCHEDULE", "SCHEDULE_EXPRESSION", "SCHEDULE_TIMEZONE" })
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, database);
        server.process.OutputDataReceived += (_, e) => server.Receive(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Receive(e.Data);
        server.process.Exited += (_, _) =>
        {
            server.process.WaitForExit(); // without a timeout it also waits for the last output lines
            server.endpoint.TrySetException(new InvalidOperationException("sfn-service exited:\n" + server.Output));
        };
        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        await server.endpoint.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return server;
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
        if (EndpointLine().Match(line) is { Success: true } match)
        {
            endpoint.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@" on (http://[0-9.]+:\d+)")]
    private static partial Regex EndpointLine();

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or the process dies.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGINT, as Ctrl-C sends; returns the exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository.");
    }
}
