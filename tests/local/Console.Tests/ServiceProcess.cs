using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Console.Tests;

/// <summary>The real `sfn-service` (what `make console` runs) as a child process on a free port, with its own
/// database, and a small client for the AWS JSON 1.0 API the tests use to arrange and check state.</summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private ServiceProcess(Process process, Uri endpoint, string directory, StringBuilder log)
    {
        this.process = process;
        this.log = log;
        Endpoint = endpoint;
        Directory = directory;
    }

    public Uri Endpoint { get; }
    public string Directory { get; }
    public string Log { get { lock (log) { return log.ToString(); } } }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Starts the server; the simulated container exits with <paramref name="ecsExitCode"/>.</summary>
    public static async Task<ServiceProcess> StartAsync(int ecsExitCode)
    {
        // Same configuration folder as this test assembly: artifacts/dotnet/bin/<project>/<config>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var dll = Path.Combine(RepositoryRoot, "artifacts", "dotnet", "bin", "StepFunctions.Service", configuration, "sfn-service.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build local/StepFunctions.Service first (dotnet test builds it through the project reference).");
        }
        var directory = Path.Combine(Path.GetTempPath(), "console-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var arg in new[] { dll, "--port", "0", "--root", RepositoryRoot, "--db", Path.Combine(directory, "sfn.db"), "--ecs-exit-code", ecsExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var early = new StringBuilder();
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (early)
            {
                early.AppendLine(line);
            }
            if (EndpointLine().Match(line) is { Success: true } m)
            {
                ready.TrySetResult(new Uri(m.Groups[1].Value));
            }
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var timeout = Task.Delay(TimeSpan.FromSeconds(90));
        var first = await Task.WhenAny(ready.Task, exited, timeout);
        if (first != ready.Task)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            throw new InvalidOperationException($"sfn-service did not print its endpoint:\n{early}");
        }
        return new ServiceProcess(process, await ready.Task, directory, early);
    }

    /// <summary>Calls an AWSStepFunctions operation; throws with AWS's error code on a 4xx/5xx.</summary>
    public async Task<JsonObject> CallAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text) as JsonObject ?? [];
    }

    public async Task<JsonObject> WaitForStatusAsync(string executionArn, Func<string, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var described = await CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (done((string)described["status"]!) || DateTime.UtcNow > until)
            {
                return described;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A state machine by name, as ListStateMachines reports it: the deployed workflows carry a prefix
    /// (serverless-workflows-number-processor), so a workflow's own name matches as the suffix.</summary>
    public async Task<(string Name, string Arn)> MachineAsync(string name)
    {
        var list = await CallAsync("ListStateMachines", []);
        return list["stateMachines"]!.AsArray().Select(m => ((string)m!["name"]!, (string)m["stateMachineArn"]!))
            .Where(m => m.Item1 == name || m.Item1.EndsWith("-" + name, StringComparison.Ordinal))
            .Cast<(string, string)?>().FirstOrDefault()
            ?? throw new InvalidOperationException($"no state machine named {name}: {list.ToJsonString()}");
    }

    public async Task<string> MachineArnAsync(string name) => (await MachineAsync(name)).Arn;

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServerlessWorkflows.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ServerlessWorkflows.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"web console on (https?://\S+)")]
    private static partial Regex EndpointLine();
}
