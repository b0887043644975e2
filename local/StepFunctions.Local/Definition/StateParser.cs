using System.Text.Json.Nodes;
using StepFunctions.Local.InputOutput;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Settings;

namespace StepFunctions.Local.Definition;

/// <summary>Builds one state's model from its JSON, reporting schema problems.</summary>
internal static class StateParser
{
    private static readonly HashSet<string> Common = ["Type", "Comment", "QueryLanguage"];
    private static readonly HashSet<string> Flow = ["Next", "End"];
    private static readonly HashSet<string> InOut = ["InputPath", "OutputPath"];
    private static readonly HashSet<string> JsonataOut = ["Output"];

    private static readonly Dictionary<string, HashSet<string>> JsonPathFields = new()
    {
        ["Task"] = Fields(Flow, InOut, ["Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign"]),
        ["Pass"] = Fields(Flow, InOut, ["Parameters", "Result", "ResultPath", "Assign"]),
        ["Choice"] = Fields(InOut, ["Choices", "Default", "Assign"]),
        ["Wait"] = Fields(Flow, InOut, ["Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign"]),
        ["Succeed"] = Fields(InOut),
        ["Fail"] = Fields(["Error", "Cause", "ErrorPath", "CausePath"]),
        ["Parallel"] = Fields(Flow, InOut, ["Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "Assign"]),
        ["Map"] = Fields(Flow, InOut, ["ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator", "ItemReader", "ResultWriter", "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ResultSelector", "ResultPath", "Retry", "Catch", "Label", "Assign"]),
    };

    private static readonly Dictionary<string, HashSet<string>> JsonataFields = new()
    {
        ["Task"] = Fields(Flow, JsonataOut, ["Resource", "Arguments", "Retry", "Catch", "TimeoutSeconds", "HeartbeatSeconds", "Credentials", "Assign"]),
        ["Pass"] = Fields(Flow, JsonataOut, ["Assign"]),
        ["Choice"] = Fields(JsonataOut, ["Choices", "Default", "Assign"]),
        ["Wait"] = Fields(Flow, JsonataOut, ["Seconds", "Timestamp", "Assign"]),
        ["Succeed"] = Fields(JsonataOut),
        ["Fail"] = Fields(["Error", "Cause"]),
        ["Parallel"] = Fields(Flow, JsonataOut, ["Branches", "Arguments", "Retry", "Catch", "Assign"]),
        ["Map"] = Fields(Flow, JsonataOut, ["Items", "ItemSelector", "ItemProcessor", "Iterator", "ItemReader", "ResultWriter", "ItemBatcher", "MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount", "Retry", "Catch", "Label", "Assign"]),
    };

    /// <summary>Fields that exist in only one query language, for AWS's "only supported for" message.</summary>
    private static readonly HashSet<string> JsonPathOnly = ["InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Result", "ItemsPath", "MaxConcurrencyPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "ErrorPath", "CausePath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"];
    private static readonly HashSet<string> JsonataOnly = ["Arguments", "Output", "Items"];

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
        if (!JsonPathFields.ContainsKey(type))
        {
            reader.Error($"{location}/Type", $"'{type}' is not a state type; use Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map.");
            return null;
        }
        var language = Language(obj, location, reader);
        var allowed = language == QueryLanguage.Jsonata ? JsonataFields[type] : JsonPathFields[type];
        var otherOnly = language == QueryLanguage.Jsonata ? JsonPathOnly : JsonataOnly;
        foreach (var (key, _) in obj)
        {
            if (otherOnly.Contains(key) && !allowed.Contains(key))
            {
                var (mine, theirs) = language == QueryLanguage.Jsonata ? ("JSONata", "JSONPath") : ("JSONPath", "JSONata");
                reader.Error(location, $"The QueryLanguage is set to '{mine}', but field '{key}' is only supported for the '{theirs}' QueryLanguage");
            }
        }
        reader.CheckAllowed(obj, location, $"a {type} state", allowed, otherOnly);
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
            IoParser.State(obj, location, reader, language, allowed, isMap: type == "Map"), language);
        return type switch
        {
            "Task" => TaskParser.Parse(common, obj, location, reader),
            "Pass" => ParsePass(common, obj, location, reader),
            "Choice" => ChoiceParser.Parse(common, obj, location, reader),
            "Wait" => ParseWait(common, obj, location, reader),
            "Succeed" => new SucceedStateDefinition { Name = name, Comment = common.Comment, Io = common.Io },
            "Fail" => ParseFail(common, obj, location, reader),
            "Parallel" => CompositeParser.ParseParallel(common, obj, location, reader),
            _ => CompositeParser.ParseMap(common, obj, location, reader),
        };
    }

    /// <summary>The state's QueryLanguage: its own, or the state machine's. A JSONata machine cannot go back to
    /// JSONPath one state at a time.</summary>
    private static QueryLanguage Language(JsonObject obj, string location, FieldReader reader)
    {
        var text = reader.String(obj, "QueryLanguage", location);
        if (text is not null and not ("JSONPath" or "JSONata"))
        {
            reader.Error($"{location}/QueryLanguage", "Value should be one of the following: [JSONPath, JSONata]");
        }
        if (text == "JSONPath" && reader.MachineLanguage == QueryLanguage.Jsonata)
        {
            reader.Error(location, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
        }
        return text switch
        {
            "JSONata" => QueryLanguage.Jsonata,
            "JSONPath" => QueryLanguage.JsonPath,
            _ => reader.MachineLanguage,
        };
    }

    private static PassStateDefinition ParsePass(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        var hasResult = obj.TryGetPropertyValue("Result", out var result);
        if (result is JsonObject resultObj && resultObj.Any(p => p.Key.EndsWith(".$", StringComparison.Ordinal)))
        {
            reader.Warning($"{location}/Result", "Result is static: keys ending in '.$' are not evaluated here; use Parameters.", DiagnosticCodes.PassResultIsStatic);
        }
        // A JSONPath Pass state's value is its Result when it has one, else its Parameters.
        var io = hasResult && c.Io is JsonPathIo paths ? paths with { Parameters = PayloadTemplate.Fixed(result) } : c.Io;
        return new PassStateDefinition { Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, Io = io };
    }

    private static WaitStateDefinition ParseWait(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        var count = new[] { "Seconds", "Timestamp", "SecondsPath", "TimestampPath" }.Count(obj.ContainsKey);
        if (count != 1)
        {
            reader.Error(location, "A Wait state needs exactly one of Seconds, Timestamp, SecondsPath or TimestampPath.");
        }
        return new WaitStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, Io = c.Io,
            Seconds = reader.SettingField(obj, SettingKinds.Seconds, location, c.Language),
            Timestamp = reader.SettingField(obj, SettingKinds.Timestamp, location, c.Language),
        };
    }

    private static FailStateDefinition ParseFail(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        return new FailStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Io = c.Io,
            Error = Text(obj, SettingKinds.Error, location, reader, c.Language),
            Cause = Text(obj, SettingKinds.Cause, location, reader, c.Language),
        };
    }

    /// <summary>Error or Cause, or their *Path (a path or an intrinsic function, not only a reference path).</summary>
    private static Setting<string>? Text(JsonObject obj, TextKind kind, string location, FieldReader reader, QueryLanguage language)
    {
        if (obj.ContainsKey(kind.Field) && obj.ContainsKey(kind.PathField))
        {
            reader.Error(location, $"A Fail state can have {kind.Field} or {kind.PathField}, not both.");
        }
        var value = reader.SettingValue(obj, kind, location, language);
        return reader.Expression(obj, kind.PathField, location) is { } expression ? new ExpressionSetting<string>(expression, kind) : value;
    }
}

/// <summary>The fields parsed before the type-specific ones.</summary>
internal sealed record CommonFields(string Name, string? Comment, string? Next, bool End, StateIo Io, QueryLanguage Language);
