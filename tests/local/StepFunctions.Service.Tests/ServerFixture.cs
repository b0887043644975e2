using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>One server shared by a test class: SFN_MOCK_CONFIG = Data/mocks.json, waits and retries at 1/1000 of real time.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string Role = "arn:aws:iam::123456789012:role/local";
    public const string Account = "123456789012";
    public const string NumberProcessor = $"arn:aws:states:us-east-1:{Account}:stateMachine:serverless-workflows-number-processor";
    public const string ContainerTask = $"arn:aws:states:us-east-1:{Account}:stateMachine:serverless-workflows-container-task";

    private ServerProcess? server;

    internal ServerProcess Server => server!;
    public string Endpoint => Server.Endpoint;

    public async Task InitializeAsync() => server = await ServerProcess.StartAsync(arguments: "--time-scale 0.001",
        environment: new Dictionary<string, string> { ["SFN_MOCK_CONFIG"] = Path.Combine(AppContext.BaseDirectory, "Data", "mocks.json") });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Creates a state machine with a unique name; returns its ARN.</summary>
    public async Task<string> CreateAsync(string definition, string type = "STANDARD")
    {
        var created = await RawHttp.CallAsync(Endpoint, "CreateStateMachine", new JsonObject
        {
            ["name"] = "t-" + Guid.NewGuid().ToString("N")[..12], ["definition"] = definition, ["roleArn"] = Role, ["type"] = type,
        });
        return created["stateMachineArn"]!.GetValue<string>();
    }

    /// <summary>Polls DescribeExecution until the execution leaves RUNNING.</summary>
    public async Task<JsonObject> WaitForAsync(string executionArn, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var described = await RawHttp.CallAsync(Endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (described["status"]!.GetValue<string>() != "RUNNING")
            {
                return described;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{executionArn} still RUNNING");
            }
            await Task.Delay(50);
        }
    }

    public async Task<JsonArray> HistoryAsync(string executionArn)
    {
        var events = new JsonArray();
        string? token = null;
        do
        {
            var page = await RawHttp.CallAsync(Endpoint, "GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = 1000, ["nextToken"] = token });
            foreach (var e in page["events"]!.AsArray())
            {
                events.Add(e!.DeepClone());
            }
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        return events;
    }
}
