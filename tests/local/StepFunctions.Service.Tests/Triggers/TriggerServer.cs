using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests.Triggers;

/// <summary>The orchestrator's executions as the triggers tests look for them: by their input's run_id.</summary>
internal static class TriggerServer
{
    public const string Orchestrator = $"arn:aws:states:us-east-1:{ServerFixture.Account}:stateMachine:serverless-workflows-orchestrator";
    public const string EventBus = "serverless-workflows-orchestrator-events";
    public const string Schedule = "serverless-workflows-orchestrator";

    /// <summary>A one-job manifest with its own run_id (the runs table refuses a run_id twice).</summary>
    public static string Manifest(string runId) =>
        $$$"""{"run_id":"{{{runId}}}","jobs":[{"name":"numbers","workflow":"number-processor","input":{"min":1,"max":10}}]}""";

    public static string RunId(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>The orchestrator's executions, each described (DescribeExecution has the input and the local started-by).</summary>
    public static async Task<List<JsonObject>> ExecutionsAsync(string endpoint)
    {
        var listed = await RawHttp.CallAsync(endpoint, "ListExecutions", new JsonObject { ["stateMachineArn"] = Orchestrator, ["maxResults"] = 1000 });
        List<JsonObject> described = [];
        foreach (var execution in listed["executions"]!.AsArray())
        {
            described.Add(await RawHttp.CallAsync(endpoint, "DescribeExecution", new JsonObject { ["executionArn"] = execution!["executionArn"]!.GetValue<string>() }));
        }
        return described;
    }

    public static async Task<JsonObject?> FindAsync(string endpoint, string runId) =>
        (await ExecutionsAsync(endpoint)).FirstOrDefault(e => JsonNode.Parse(e["input"]!.GetValue<string>())?["run_id"]?.GetValue<string>() == runId);
}
