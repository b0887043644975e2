using System.Text.Json.Nodes;
using Aws.Local;
using Workflows.Local;

namespace StepFunctions.Service.Triggers;

/// <summary>The schedule as this server runs it: deployment.json's, with the local switch and override applied.</summary>
/// <param name="Overridden">What was set locally (SCHEDULE, SCHEDULE_EXPRESSION, SCHEDULE_TIMEZONE), for the console.</param>
public sealed record LocalSchedule(ScheduleExpression Expression, bool Enabled, string Input, IReadOnlyList<string> Overridden);

/// <summary>
/// What terraform/orchestrator.tf's <c>module.orchestrator_triggers</c> (terraform/modules/workflow-triggers) makes of
/// deployment.json's <c>orchestrator_triggers</c>: the schedule's name and role, the custom-event bus and rule with its
/// pattern and input path, the HTTP API's target. Names follow the module (<c>var.name</c> is
/// <c>&lt;name&gt;-orchestrator</c>); the target of every trigger is the orchestrator's state machine.
/// </summary>
public sealed class OrchestratorTriggers
{
    /// <summary>The workflow of deployment.json every trigger starts.</summary>
    public const string Workflow = "orchestrator";

    /// <summary>The rule target's <c>input_path</c> (workflow-triggers/event.tf): the event's detail is the manifest.</summary>
    public const string InputPath = "$.detail";

    public OrchestratorTriggers(Deployment deployment, LocalSchedule schedule)
    {
        var name = $"{deployment.Name}-{Workflow}";
        TargetArn = Workflows.Local.Workflow.ArnOf(deployment.StateMachineName(Workflow));
        ScheduleName = name;
        ScheduleArn = Arn.Local("scheduler", $"schedule/default/{name}").ToString();
        ScheduleRoleArn = $"arn:{LocalAccount.Partition}:iam::{LocalAccount.Id}:role/{name}-schedule";
        Schedule = schedule;
        EventBusName = $"{name}-events";
        EventBusArn = Arn.Local("events", $"event-bus/{EventBusName}").ToString();
        EventRuleName = $"{name}-event";
        var settings = deployment.Triggers.Event;
        // As event.tf's jsonencode({ source = [...], "detail-type" = [...] }).
        EventPattern = EventPattern.Parse(new JsonObject
        {
            ["detail-type"] = new JsonArray(settings.DetailType),
            ["source"] = new JsonArray(settings.Source),
        }.ToJsonString());
        EventSource = settings.Source;
        EventDetailType = settings.DetailType;
    }

    public string TargetArn { get; }

    public string ScheduleName { get; }

    public string ScheduleArn { get; }

    public string ScheduleRoleArn { get; }

    public LocalSchedule Schedule { get; }

    public string EventBusName { get; }

    public string EventBusArn { get; }

    public string EventRuleName { get; }

    public EventPattern EventPattern { get; }

    public string EventSource { get; }

    public string EventDetailType { get; }

    /// <summary>The schedule with the local settings applied: <c>on</c>/<c>off</c> (else as deployed), another
    /// expression or time zone (else as deployed). A bad value is a <see cref="FormatException"/> naming the setting.</summary>
    public static LocalSchedule LocalScheduleOf(ScheduleSettings deployed, string? enabled, string? expression, string? timeZone)
    {
        List<string> overridden = [];
        var on = deployed.Enabled;
        if (enabled is not null)
        {
            on = enabled.ToLowerInvariant() switch
            {
                "on" or "true" or "enabled" => true,
                "off" or "false" or "disabled" => false,
                _ => throw new FormatException($"SCHEDULE/--schedule must be on or off (or unset: as deployed, {(deployed.Enabled ? "on" : "off")}), not '{enabled}'."),
            };
            overridden.Add($"SCHEDULE={(on ? "on" : "off")}");
        }
        if (expression is not null)
        {
            overridden.Add($"SCHEDULE_EXPRESSION={expression}");
        }
        if (timeZone is not null)
        {
            overridden.Add($"SCHEDULE_TIMEZONE={timeZone}");
        }
        ScheduleExpression parsed;
        try
        {
            parsed = ScheduleExpression.Parse(expression ?? deployed.Expression, timeZone ?? deployed.Timezone);
        }
        catch (FormatException e)
        {
            var setting = expression is not null || timeZone is not null ? "SCHEDULE_EXPRESSION/SCHEDULE_TIMEZONE" : "terraform/deployment.json's orchestrator_triggers.schedule";
            throw new FormatException($"{setting}: {e.Message}", e);
        }
        return new LocalSchedule(parsed, on, deployed.Input, overridden);
    }
}
