using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

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
        if (obj.ContainsKey("TimeoutSeconds") && obj.ContainsKey("TimeoutSecondsPath"))
        {
            reader.Error(location, "A Task can have TimeoutSeconds or TimeoutSecondsPath, not both.");
        }
        if (obj.ContainsKey("HeartbeatSeconds") && obj.ContainsKey("HeartbeatSecondsPath"))
        {
            reader.Error(location, "A Task can have HeartbeatSeconds or HeartbeatSecondsPath, not both.");
        }
        var timeout = reader.Integer(obj, "TimeoutSeconds", location, 1, 99_999_999);
        var heartbeat = reader.Integer(obj, "HeartbeatSeconds", location, 1, 99_999_999);
        if (timeout is { } t && heartbeat is { } h && h >= t)
        {
            reader.Error($"{location}/HeartbeatSeconds", $"HeartbeatSeconds ({h}) must be smaller than TimeoutSeconds ({t}).");
        }
        return new TaskStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, InputPath = c.InputPath, OutputPath = c.OutputPath,
            Resource = resource,
            Parameters = reader.Template(obj, "Parameters", location),
            ResultSelector = reader.Template(obj, "ResultSelector", location),
            ResultPath = reader.ResultPath(obj, "ResultPath", location),
            Retry = ErrorHandlingParser.ParseRetry(obj, location, reader),
            Catch = ErrorHandlingParser.ParseCatch(obj, location, reader),
            TimeoutSeconds = timeout,
            TimeoutSecondsPath = reader.Path(obj, "TimeoutSecondsPath", location, requireDefinite: true),
            HeartbeatSeconds = heartbeat,
            HeartbeatSecondsPath = reader.Path(obj, "HeartbeatSecondsPath", location, requireDefinite: true),
        };
    }
}
