using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>What a client call returned: the output, or AWS's error code and message as the client reports them.</summary>
internal sealed record ClientResult(JsonNode? Output, string? ErrorCode, string? ErrorMessage, int? Status = null)
{
    public JsonNode Ok => Output ?? throw new Xunit.Sdk.XunitException($"Expected success, got {ErrorCode}: {ErrorMessage}");
}

/// <summary>The AWS CLI (Debian's awscli, installed by build/prerequisites.sh) pointed at the server.</summary>
internal static class AwsCli
{
    /// <summary><c>aws stepfunctions …</c></summary>
    public static Task<ClientResult> RunAsync(string endpoint, params string[] arguments) => ServiceAsync("stepfunctions", endpoint, arguments);

    /// <summary><c>aws logs …</c> (CloudWatch Logs, where the Lambdas' log lines are).</summary>
    public static Task<ClientResult> LogsAsync(string endpoint, params string[] arguments) => ServiceAsync("logs", endpoint, arguments);

    /// <summary><c>aws events …</c> (EventBridge: PutEvents starts the orchestrator's custom-event rule).</summary>
    public static Task<ClientResult> EventsAsync(string endpoint, params string[] arguments) => ServiceAsync("events", endpoint, arguments);

    /// <summary><c>aws scheduler …</c> (EventBridge Scheduler's reads of the orchestrator's schedule).</summary>
    public static Task<ClientResult> SchedulerAsync(string endpoint, params string[] arguments) => ServiceAsync("scheduler", endpoint, arguments);

    /// <summary><c>aws dynamodb …</c> (the reads of the tables the workflows write).</summary>
    public static Task<ClientResult> DynamoDbAsync(string endpoint, params string[] arguments) => ServiceAsync("dynamodb", endpoint, arguments);

    /// <summary><c>aws stepfunctions …</c> signed with another access key id (an exposed server's token).</summary>
    public static Task<ClientResult> RunWithKeyAsync(string endpoint, string accessKeyId, params string[] arguments) =>
        ServiceAsync("stepfunctions", endpoint, arguments, accessKeyId);

    private static async Task<ClientResult> ServiceAsync(string service, string endpoint, string[] arguments, string accessKeyId = "local")
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["AWS_ACCESS_KEY_ID"] = accessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = "local",
                ["AWS_DEFAULT_REGION"] = "us-east-1",
                ["AWS_PAGER"] = "",
                ["AWS_CONFIG_FILE"] = "/dev/null",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
                ["AWS_MAX_ATTEMPTS"] = "1",
            },
        };
        foreach (var argument in (string[])[service, "--endpoint-url", endpoint, "--output", "json", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode == 0)
        {
            var text = await stdout;
            return new ClientResult(text.Trim().Length == 0 ? new JsonObject() : JsonNode.Parse(text), null, null);
        }
        // "An error occurred (Code) when calling the Operation operation: message"
        var error = await stderr;
        var open = error.IndexOf("An error occurred (", StringComparison.Ordinal);
        if (open < 0)
        {
            return new ClientResult(null, "CliFailure", error);
        }
        var code = error[(open + 19)..error.IndexOf(')', open)];
        var message = error[(error.IndexOf("operation: ", open, StringComparison.Ordinal) + 11)..].Trim();
        return new ClientResult(null, code, message);
    }
}

/// <summary>The AWS SDK for JavaScript v3 (@aws-sdk/client-sfn, locked in sdk/package-lock.json) run by node.</summary>
internal static class Sdk
{
    private static readonly string Folder = Path.Combine(ServerProcess.Root, "tests", "local", "StepFunctions.Service.Tests", "sdk");

    public static async Task<ClientResult> CallAsync(string endpoint, string operation, JsonObject input) =>
        (await CallAsync(endpoint, [(operation, input)]))[0];

    /// <summary>Several calls in one node process, in order.</summary>
    public static async Task<IReadOnlyList<ClientResult>> CallAsync(string endpoint, IEnumerable<(string Operation, JsonObject Input)> calls)
    {
        var request = new JsonObject
        {
            ["endpoint"] = endpoint,
            ["calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject { ["operation"] = c.Operation, ["input"] = c.Input })]),
        };
        var start = new ProcessStartInfo("node", [Path.Combine(Folder, "client.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(request.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node client.mjs failed ({process.ExitCode}): {await stderr}");
        }
        return [.. JsonNode.Parse(await stdout)!.AsArray().Select(r => r!["error"] is { } e
            ? new ClientResult(null, e["name"]!.GetValue<string>(), e["message"]?.GetValue<string>(), e["status"]?.GetValue<int>())
            : new ClientResult(r["output"], null, null))];
    }
}

/// <summary>Raw HTTP, for what no well-behaved client sends (malformed bodies, unknown targets).</summary>
internal static class RawHttp
{
    private static readonly HttpClient Client = new();

    public static async Task<(int Status, JsonObject Body)> PostAsync(string endpoint, string? target, string body, string contentType = "application/x-amz-json-1.0")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint + "/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (target is not null)
        {
            request.Headers.Add("X-Amz-Target", target);
        }
        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public static async Task<JsonObject> CallAsync(string endpoint, string operation, JsonObject input)
    {
        var (status, body) = await PostAsync(endpoint, "AWSStepFunctions." + operation, input.ToJsonString());
        return status == 200 ? body : throw new Xunit.Sdk.XunitException($"{operation} answered {status}: {body}");
    }
}
