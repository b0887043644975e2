using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;
using StepFunctions.Service.Executions;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Triggers;

/// <summary>
/// EventBridge Scheduler's reads (its REST JSON protocol, so <c>aws scheduler get-schedule --endpoint-url …</c>
/// works): <c>GET /schedules</c> (ListSchedules, <c>?TargetArn=</c> filters) and <c>GET /schedules/{Name}</c>
/// (GetSchedule) for the orchestrator's schedule, as this server runs it (the local switch and override applied).
/// GetSchedule also carries three local-only members for the console, which AWS has no operation for (SDKs and the
/// CLI drop them): <c>LocalNextFireTimes</c> (when the next occurrences fire, in real time), <c>LocalStartedExecutions</c>
/// (the newest runs the schedule started) and <c>LocalOverrides</c> (the local settings in force).
/// </summary>
public static class ScheduleRoutes
{
    public const string ListPath = "/schedules";
    public const string GetPath = "/schedules/{name}";

    /// <summary>Next fire times and started runs GetSchedule lists.</summary>
    public const int Shown = 5;

    public static Task ListAsync(HttpContext http, OrchestratorTriggers triggers)
    {
        var target = http.Request.Query["TargetArn"].ToString();
        var group = http.Request.Query["ScheduleGroup"].ToString();
        var prefix = http.Request.Query["NamePrefix"].ToString();
        var schedules = new JsonArray();
        if ((target.Length == 0 || target == triggers.TargetArn) && group is "" or "default" && triggers.ScheduleName.StartsWith(prefix, StringComparison.Ordinal))
        {
            schedules.Add(new JsonObject
            {
                ["Arn"] = triggers.ScheduleArn,
                ["Name"] = triggers.ScheduleName,
                ["GroupName"] = "default",
                ["State"] = State(triggers),
                ["Target"] = new JsonObject { ["Arn"] = triggers.TargetArn },
            });
        }
        return AnswerAsync(http, 200, new JsonObject { ["Schedules"] = schedules });
    }

    public static Task GetAsync(HttpContext http, string name, LocalService service, OrchestratorTriggers triggers, ScheduleRunner runner)
    {
        var group = http.Request.Query["groupName"].ToString();
        if (name != triggers.ScheduleName || group is not ("" or "default"))
        {
            return AnswerAsync(http, 404, new JsonObject { ["Message"] = $"Schedule {name} does not exist." }, "ResourceNotFoundException");
        }
        var schedule = triggers.Schedule;
        var started = new JsonArray();
        foreach (var execution in service.Store.ListExecutionsStartedBy(triggers.TargetArn, StartedBy.Schedule, Shown))
        {
            started.Add(ApiJson.Object(("executionArn", execution.Arn), ("name", execution.Name), ("status", execution.Status.ToApiName()),
                ("startDate", ApiJson.Date(execution.StartDate))));
        }
        return AnswerAsync(http, 200, new JsonObject
        {
            ["Arn"] = triggers.ScheduleArn,
            ["Name"] = triggers.ScheduleName,
            ["GroupName"] = "default",
            ["Description"] = $"Starts {triggers.TargetArn}.",
            ["State"] = State(triggers),
            ["ScheduleExpression"] = schedule.Expression.Text,
            ["ScheduleExpressionTimezone"] = schedule.Expression.TimeZone.Id,
            ["FlexibleTimeWindow"] = new JsonObject { ["Mode"] = "OFF" },
            ["Target"] = new JsonObject
            {
                ["Arn"] = triggers.TargetArn,
                ["RoleArn"] = triggers.ScheduleRoleArn,
                ["Input"] = schedule.Input,
                ["RetryPolicy"] = new JsonObject { ["MaximumEventAgeInSeconds"] = 3600, ["MaximumRetryAttempts"] = 3 },
            },
            ["CreationDate"] = ApiJson.Date(runner.Clock.Start),
            ["LastModificationDate"] = ApiJson.Date(runner.Clock.Start),
            ["LocalNextFireTimes"] = new JsonArray([.. runner.NextFireTimes(Shown).Select(ApiJson.Date)]),
            ["LocalStartedExecutions"] = started,
            ["LocalOverrides"] = new JsonArray([.. schedule.Overridden.Select(o => (JsonNode)o)]),
            ["LocalTimeScale"] = runner.Clock.Scale,
        });
    }

    private static string State(OrchestratorTriggers triggers) => triggers.Schedule.Enabled ? "ENABLED" : "DISABLED";

    private static async Task AnswerAsync(HttpContext http, int status, JsonObject body, string? errorType = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        if (errorType is not null)
        {
            http.Response.Headers["x-amzn-ErrorType"] = errorType;
        }
        await http.Response.WriteAsync(Json.Serialize(body), http.RequestAborted).ConfigureAwait(false);
    }
}
