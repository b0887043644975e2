using System.Text.Json.Nodes;
using StepFunctions.Local.Settings;

namespace StepFunctions.Local.Definition;

internal static class TaskParser
{
    public static TaskStateDefinition Parse(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        var resource = reader.String(obj, "Resource", location, required: true) ?? "";
        if (resource.Length > 0 && !resource.StartsWith("arn:", StringComparison.Ordinal))
        {
            reader.Error($"{location}/Resource", $"Resource '{resource}' is not an ARN (it must start with 'arn:').", DiagnosticCodes.InvalidResource);
        }
        foreach (var kind in new[] { SettingKinds.TimeoutSeconds, SettingKinds.HeartbeatSeconds })
        {
            if (obj.ContainsKey(kind.Field) && obj.ContainsKey(kind.PathField))
            {
                reader.Error(location, $"A Task can have {kind.Field} or {kind.PathField}, not both.");
            }
        }
        var timeout = reader.SettingField(obj, SettingKinds.TimeoutSeconds, location, c.Language);
        var heartbeat = reader.SettingField(obj, SettingKinds.HeartbeatSeconds, location, c.Language);
        if (timeout is LiteralSetting<long> { Value: var t } && heartbeat is LiteralSetting<long> { Value: var h } && h >= t)
        {
            reader.Error($"{location}/HeartbeatSeconds", $"HeartbeatSeconds ({h}) must be smaller than TimeoutSeconds ({t}).");
        }
        return new TaskStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, Io = c.Io,
            Resource = resource,
            TimeoutSeconds = timeout,
            HeartbeatSeconds = heartbeat,
            Retry = ErrorHandlingParser.ParseRetry(obj, location, reader),
            Catch = ErrorHandlingParser.ParseCatch(obj, location, reader, c.Language),
        };
    }
}
