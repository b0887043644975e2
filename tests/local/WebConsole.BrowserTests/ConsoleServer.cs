using System.Text.Json.Nodes;
using StepFunctions.Service.Tests;

namespace WebConsole.BrowserTests;

/// <summary>The real `sfn-service` (what `make console` runs; started by the service tests' ServerProcess) and
/// the AWS API calls the console tests use to arrange and check what the browser shows.</summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly ServerProcess process;

    private ConsoleServer(ServerProcess process) => this.process = process;

    public Uri Endpoint => new(process.Endpoint);
    public string Log => process.Output;
    public static string RepositoryRoot => ServerProcess.Root;

    /// <summary>Real time (Wait states take their seconds, so the tests can watch a running state); the
    /// simulated container exits 1, so container-task runs take their failure path.</summary>
    public static async Task<ConsoleServer> StartAsync() =>
        new(await ServerProcess.StartAsync(arguments: "--time-scale 1 --ecs-exit-code 1"));

    public Task<JsonObject> CallAsync(string operation, JsonObject body) => RawHttp.CallAsync(process.Endpoint, operation, body);

    /// <summary>DescribeExecution once the execution has left RUNNING (or when the time is up).</summary>
    public async Task<JsonObject> WaitForEndAsync(string executionArn, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var described = await CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if ((string)described["status"]! != "RUNNING" || DateTime.UtcNow > until)
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

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
