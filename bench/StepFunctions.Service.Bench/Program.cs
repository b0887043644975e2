using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using StepFunctions.Service.Tests;

// StartExecution → completion of number-processor executions through the HTTP API, persistence on: once with
// the Lambda tasks mocked (SFN_MOCK_CONFIG, arn#HappyEven), once on the real packaged bootstraps.
var mocked = ArgInt("--mocked", 5_000);
var real = ArgInt("--real", 300);
var concurrency = ArgInt("--concurrency", 32);
var rate = ArgInt("--rate", 1_000);
const string Machine = "arn:aws:states:us-east-1:123456789012:stateMachine:serverless-workflows-number-processor";

Console.WriteLine($"sfn-service benchmark: number-processor over HTTP, SQLite on, {Environment.ProcessorCount} cores, {concurrency} concurrent clients");
Console.WriteLine($"  load before: {Load()}");
var rows = new List<(string Name, Result Result)>
{
    ("mocked Lambdas", await RunAsync(Machine + "#HappyEven", mocked)),
    ("real bootstraps", await RunAsync(Machine, real)),
    // Latency under the goal's load rather than at saturation: starts sent at a steady rate, whatever the answers.
    ($"mocked, {rate:N0}/s sent", await RunPacedAsync(Machine + "#HappyEven", rate, mocked)),
};
Console.WriteLine();
Console.WriteLine($"{"",-22}{"executions",12}{"exec/s",10}{"start p50",12}{"start p99",12}{"server CPU/exec",17}");
foreach (var (name, r) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22}{r.Count,12:N0}{r.PerSecond,10:N0}{r.P50,10:N2}ms{r.P99,10:N2}ms{r.ServerCpuMs,15:N3}ms"));
}
Console.WriteLine($"(the first two rows: {concurrency} clients each starting the next execution as soon as the last was accepted, i.e. saturation)");
// The cores are shared with the benchmark's client (and, on a busy machine, with others), so wall-clock rows
// move with the load; the server's own CPU time per execution does not, and is what a change to the server moves.
Console.WriteLine("(server CPU/exec: the server process's CPU time over the timed part divided by executions; real bootstraps' own processes not included)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mocked/real throughput ratio: {rows[0].Result.PerSecond / rows[1].Result.PerSecond:N1}x"));
Console.WriteLine("goal on 2 cores: >= 1,000 executions/s mocked, StartExecution p99 <= 10 ms");
Console.WriteLine($"  load after: {Load()}");
return 0;

async Task<Result> RunAsync(string stateMachineArn, int count)
{
    await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 0",
        environment: new Dictionary<string, string> { ["SFN_MOCK_CONFIG"] = Path.Combine(AppContext.BaseDirectory, "mocks.json") });
    using var http = new HttpClient { BaseAddress = new Uri(server.Endpoint) };
    // Warm up: JIT, connection pool, (real) first bootstrap processes.
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => StartAsync(http, stateMachineArn)));
    await WaitForAllAsync(server.Database, concurrency);

    var latencies = new double[count];
    var next = -1;
    var cpu = server.ProcessorTime;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            await StartAsync(http, stateMachineArn);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }));
    await WaitForAllAsync(server.Database, count + concurrency);
    return Summarize(latencies, clock.Elapsed, server.ProcessorTime - cpu);
}

// Open loop: start i is due at i/rate seconds and its latency counts from then, so a slow answer cannot hide the
// queueing behind it (no coordinated omission).
async Task<Result> RunPacedAsync(string stateMachineArn, int perSecond, int count)
{
    await using var server = await ServerProcess.StartAsync(arguments: "--time-scale 0",
        environment: new Dictionary<string, string> { ["SFN_MOCK_CONFIG"] = Path.Combine(AppContext.BaseDirectory, "mocks.json") });
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(server.Endpoint) };
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => StartAsync(http, stateMachineArn)));
    await WaitForAllAsync(server.Database, concurrency);

    var latencies = new double[count];
    var starts = new List<Task>(count);
    var cpu = server.ProcessorTime;
    var clock = Stopwatch.StartNew();
    var sent = 0;
    while (sent < count)
    {
        // Everything due by now goes out, then a ~1 ms sleep: the client does not spin on the cores the server
        // needs (a start sent late still counts its latency from when it was due, so lateness is charged to the
        // server's figures, never hidden).
        var due = Math.Min(count, (int)(clock.Elapsed.TotalSeconds * perSecond) + 1);
        for (; sent < due; sent++)
        {
            starts.Add(TimedStartAsync(sent, TimeSpan.FromSeconds((double)sent / perSecond)));
        }
        await Task.Delay(1);
    }
    await Task.WhenAll(starts);
    await WaitForAllAsync(server.Database, count + concurrency);
    return Summarize(latencies, clock.Elapsed, server.ProcessorTime - cpu);

    async Task TimedStartAsync(int index, TimeSpan due)
    {
        await StartAsync(http, stateMachineArn);
        latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
    }
}

static Result Summarize(double[] latencies, TimeSpan elapsed, TimeSpan serverCpu)
{
    Array.Sort(latencies);
    var count = latencies.Length;
    return new Result(count, count / elapsed.TotalSeconds, latencies[count / 2], latencies[(int)(count * 0.99)], serverCpu.TotalMilliseconds / count);
}

static async Task StartAsync(HttpClient http, string stateMachineArn)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/")
    {
        Content = new StringContent(new JsonObject { ["stateMachineArn"] = stateMachineArn, ["input"] = """{"min":1,"max":100}""" }.ToJsonString(), Encoding.UTF8),
    };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
    request.Headers.Add("X-Amz-Target", "AWSStepFunctions.StartExecution");
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"StartExecution answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

// Completion is read from the server's own database (read-only), so polling costs the server nothing.
static async Task WaitForAllAsync(string database, int expected)
{
    using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT count(*) FROM executions WHERE status <> 'RUNNING'";
    var deadline = Stopwatch.StartNew();
    while ((long)command.ExecuteScalar()! < expected)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException("Executions did not finish within 10 minutes.");
        }
        await Task.Delay(10);
    }
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record Result(int Count, double PerSecond, double P50, double P99, double ServerCpuMs);
