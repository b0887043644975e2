using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StepFunctions.Local.Core;
using StepFunctions.Service.Operations;

namespace StepFunctions.Service.Protocol;

/// <summary>
/// <c>GET /_local/executions/logs?executionArn=…[&amp;eventId=N…]</c>: the log lines each Lambda attempt wrote, by the
/// id of the history event that ended the attempt (<c>LambdaFunctionSucceeded</c>/<c>Failed</c>/<c>TimedOut</c>,
/// <c>TaskSucceeded</c>/<c>TaskFailed</c> of <c>lambda:invoke</c>): <c>{"logs": [{"eventId": 7, "lines": ["…"]}]}</c>.
/// On AWS these lines are in CloudWatch Logs, not in the execution history, so GetExecutionHistory keeps AWS's
/// shape and the web console asks here.
/// </summary>
public static class TaskLogsRoute
{
    public const string Path = "/_local/executions/logs";

    public static async Task HandleAsync(HttpContext http, LocalService service)
    {
        if (await LocalRoutes.ExecutionAsync(http, service) is not { } execution)
        {
            return;
        }
        var ids = new List<long>();
        foreach (var text in http.Request.Query["eventId"])
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                await LocalRoutes.ErrorAsync(http, 400, "ValidationException",
                    $"eventId '{text}' is not a history event id: pass the id of a task's Succeeded/Failed event, e.g. eventId=7.");
                return;
            }
            ids.Add(id);
        }
        var logs = new JsonArray();
        foreach (var task in service.Store.GetTaskLogs(execution.Sequence, ids.Count > 0 ? ids : null))
        {
            logs.Add(new JsonObject { ["eventId"] = task.EventId, ["lines"] = new JsonArray([.. task.Lines.Select(line => (JsonNode?)line)]) });
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Json.Serialize(new JsonObject { ["logs"] = logs }), http.RequestAborted);
    }
}
