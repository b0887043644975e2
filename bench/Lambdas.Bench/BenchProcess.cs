using System.Diagnostics;
using Lambda.Local;

namespace Lambdas.Bench;

/// <summary>A bootstrap process started straight (no shell) against its own Runtime API server, output discarded.</summary>
public sealed class BenchProcess : IAsyncDisposable
{
    private BenchProcess(RuntimeApiServer server, Process process, long startTimestamp)
    {
        Server = server;
        Process = process;
        StartTimestamp = startTimestamp;
    }

    public RuntimeApiServer Server { get; }
    public Process Process { get; }
    public long StartTimestamp { get; }

    /// <param name="beforeStart">Runs after the server is up and before the clock starts (e.g. to queue the first event).</param>
    public static async Task<BenchProcess> StartAsync(string bootstrap, Action<RuntimeApiServer>? beforeStart = null)
    {
        var server = await RuntimeApiServer.StartAsync();
        var directory = Path.GetDirectoryName(bootstrap)!;
        var options = new LocalFunctionOptions { BootstrapPath = bootstrap, FunctionName = "bench", MemorySizeMb = 512 };
        var start = new ProcessStartInfo(bootstrap)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.Environment.Clear();
        foreach (var (name, value) in FunctionProcess.LambdaVariables(options, server.RuntimeApi, directory))
        {
            start.Environment[name] = value;
        }
        beforeStart?.Invoke(server);

        var timestamp = Stopwatch.GetTimestamp();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BenchProcess(server, process, timestamp);
    }

    /// <summary>The process's peak resident set size so far (VmHWM in /proc/&lt;pid&gt;/status), in bytes.</summary>
    public long PeakRssBytes()
    {
        var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
        }
        await Process.WaitForExitAsync();
        Process.Dispose();
        await Server.DisposeAsync();
    }
}
