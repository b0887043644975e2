using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Definition;

/// <summary>Builds one state's model from its JSON, reporting schema problems.</summary>
internal static class StateParser
{
    private static readonly HashSet<string> Common = ["Type", "Comment", "QueryLanguage"];
    private static readonly HashSet<string> Flow = ["Next", "End"];
    private static readonly HashSet<string> InOut = ["InputPath", "OutputPath"];

    private static readonly Dictionary<string, HashSet<string>> Allowed = new()
    {
        ["Task"] = Fields(Flow, InOut, ["Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"]),
        ["Pass"] = Fields(Flow, InOut, ["Parameters", "Result", "ResultPath"]),
        ["Choice"] = Fields(InOut, ["Choices", "Default"]),
        ["Wait"] = Fields(Flow, InOut, ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]),
        ["Succeed"] = Fields(InOut),
        ["Fail"] = Fields(["Error", "Cause", "ErrorPath", "CausePath"]),
        ["Parallel"] = Fields(Flow, InOut, ["Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"]),
        ["Map"] = Fields(Flow, InOut, ["ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator", "ItemReader", "ResultWriter", "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ResultSelector", "ResultPath", "Retry", "Catch", "Label"]),
    };

    private static HashSet<string> Fields(params HashSet<string>[] sets)
    {
        var all = new HashSet<string>(Common, StringComparer.Ordinal);
        foreach (var set in sets)
        {
            all.UnionWith(set);
        }
        return all;
    }

    public static StateDefinition? Parse(string name, JsonObject obj, string location, FieldReader reader)
    {
        var type = reader.String(obj, "Type", location, required: true);
        if (type is null)
        {
            return null;
        }
        if (!Allowed.TryGetValue(type, out var allowed))
        {
            reader.Error($"{location}/Type", $"'{type}' is not a state type; use Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map.");
            return null;
        }
        reader.CheckAllowed(obj, location, $"a {type} state", allowed);
        var next = reader.String(obj, "Next", location);
        var end = reader.Boolean(obj, "End", location) ?? false;
        if (Flow.IsSubsetOf(allowed))
        {
            if (next is null && !end)
            {
                reader.Error(location, $"State '{name}' needs either \"Next\" or \"End\": true.", DiagnosticCodes.SchemaValidationFailed);
            }
            else if (next is not null && end)
            {
                reader.Error(location, $"State '{name}' has both \"Next\" and \"End\": true; keep one.");
            }
        }
        var common = new CommonFields(name, reader.String(obj, "Comment", location), next, end,
            reader.PathOrNull(obj, "InputPath", location), reader.PathOrNull(obj, "OutputPath", location));
        return type switch
        {
            "Task" => TaskParser.Parse(common, obj, location, reader),
            "Pass" => ParsePass(common, obj, location, reader),
            "Choice" => ChoiceParser.Parse(common, obj, location, reader),
            "Wait" => ParseWait(common, obj, location, reader),
            "Succeed" => new SucceedStateDefinition { Name = name, Comment = common.Comment, InputPath = common.InputPath, OutputPath = common.OutputPath },
            "Fail" => ParseFail(common, obj, location, reader),
            "Parallel" => CompositeParser.ParseParallel(common, obj, location, reader),
            _ => CompositeParser.ParseMap(common, obj, location, reader),
        };
    }

    private static PassStateDefinition ParsePass(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        var hasResult = obj.TryGetPropertyValue("Result", out var result);
        if (result is JsonObject resultObj && resultObj.Any(p => p.Key.EndsWith(".$", StringComparison.Ordinal)))
        {
            reader.Warning($"{location}/Result", "Result is static: keys ending in '.$' are not evaluated here; use Parameters.", DiagnosticCodes.PassResultIsStatic);
        }
        return new PassStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, InputPath = c.InputPath, OutputPath = c.OutputPath,
            Parameters = reader.Template(obj, "Parameters", location),
            HasResult = hasResult,
            Result = result?.DeepClone(),
            ResultPath = reader.ResultPath(obj, "ResultPath", location),
        };
    }

    private static WaitStateDefinition ParseWait(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        var count = new[] { "Seconds", "Timestamp", "SecondsPath", "TimestampPath" }.Count(obj.ContainsKey);
        if (count != 1)
        {
            reader.Error(location, "A Wait state needs exactly one of Seconds, Timestamp, SecondsPath or TimestampPath.");
        }
        DateTimeOffset? timestamp = null;
        if (reader.String(obj, "Timestamp", location) is { } text)
        {
            if (ComparisonCondition.TryParseTimestamp(text, out var parsed))
            {
                timestamp = parsed;
            }
            else
            {
                reader.Error($"{location}/Timestamp", $"Timestamp '{text}' is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z.");
            }
        }
        return new WaitStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, InputPath = c.InputPath, OutputPath = c.OutputPath,
            Seconds = reader.Integer(obj, "Seconds", location, 0, 99_999_999),
            Timestamp = timestamp,
            SecondsPath = reader.Path(obj, "SecondsPath", location, requireDefinite: true),
            TimestampPath = reader.Path(obj, "TimestampPath", location, requireDefinite: true),
        };
    }

    private static FailStateDefinition ParseFail(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        if (obj.ContainsKey("Error") && obj.ContainsKey("ErrorPath"))
        {
            reader.Error(location, "A Fail state can have Error or ErrorPath, not both.");
        }
        if (obj.ContainsKey("Cause") && obj.ContainsKey("CausePath"))
        {
            reader.Error(location, "A Fail state can have Cause or CausePath, not both.");
        }
        return new FailStateDefinition
        {
            Name = c.Name, Comment = c.Comment,
            Error = reader.String(obj, "Error", location),
            Cause = reader.String(obj, "Cause", location),
            ErrorPath = reader.Expression(obj, "ErrorPath", location),
            CausePath = reader.Expression(obj, "CausePath", location),
        };
    }
}

/// <summary>The fields parsed before the type-specific ones.</summary>
internal sealed record CommonFields(string Name, string? Comment, string? Next, bool End, Paths.PathField InputPath, Paths.PathField OutputPath);
