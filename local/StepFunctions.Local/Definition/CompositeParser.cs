using System.Text.Json.Nodes;
using StepFunctions.Local.Settings;

namespace StepFunctions.Local.Definition;

/// <summary>Parallel and Map: states that run nested state graphs.</summary>
internal static class CompositeParser
{
    public static ParallelStateDefinition ParseParallel(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        var branches = new List<StateGraph>();
        var array = reader.Array(obj, "Branches", location, required: true);
        if (array is { Count: 0 })
        {
            reader.Error($"{location}/Branches", "Branches must contain at least one branch.");
        }
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            if (array[i] is not JsonObject branch)
            {
                reader.Error($"{location}/Branches[{i}]", "A branch must be an object with StartAt and States.");
                continue;
            }
            if (DefinitionParser.ParseGraph(branch, $"{location}/Branches[{i}]", reader) is { } graph)
            {
                branches.Add(graph);
            }
        }
        return new ParallelStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, Io = c.Io,
            Branches = branches,
            Retry = ErrorHandlingParser.ParseRetry(obj, location, reader),
            Catch = ErrorHandlingParser.ParseCatch(obj, location, reader, c.Language),
        };
    }

    public static MapStateDefinition? ParseMap(CommonFields c, JsonObject obj, string location, FieldReader reader)
    {
        foreach (var unsupported in new[] { "ItemReader", "ResultWriter", "ItemBatcher" })
        {
            if (obj.ContainsKey(unsupported))
            {
                reader.Error($"{location}/{unsupported}", $"{unsupported} (Distributed Map reading from or writing to S3) is not supported offline; pass the items in the state input instead.", DiagnosticCodes.UnsupportedFeature);
            }
        }
        if (obj.ContainsKey("ItemSelector") && obj.ContainsKey("Parameters"))
        {
            reader.Error(location, "A Map can have ItemSelector or the older Parameters, not both.");
        }
        if (obj.ContainsKey("ItemProcessor") == obj.ContainsKey("Iterator"))
        {
            reader.Error(location, "A Map needs exactly one of ItemProcessor or the older Iterator.");
        }
        var processorField = obj.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        var processorObj = reader.Object(obj, processorField, location);
        StateGraph? processor = null;
        if (processorObj is not null)
        {
            if (processorObj["ProcessorConfig"] is JsonObject config && reader.String(config, "Mode", $"{location}/{processorField}/ProcessorConfig") is { } mode && mode is not ("INLINE" or "DISTRIBUTED"))
            {
                reader.Error($"{location}/{processorField}/ProcessorConfig/Mode", $"Mode must be INLINE or DISTRIBUTED, but is '{mode}'.");
            }
            processor = DefinitionParser.ParseGraph(processorObj, $"{location}/{processorField}", reader);
        }
        if (obj.ContainsKey("MaxConcurrency") && obj.ContainsKey("MaxConcurrencyPath"))
        {
            reader.Error(location, "A Map can have MaxConcurrency or MaxConcurrencyPath, not both.");
        }
        var selectorField = obj.ContainsKey("ItemSelector") ? "ItemSelector" : "Parameters";
        if (processor is null)
        {
            return null;
        }
        var jsonata = c.Language == QueryLanguage.Jsonata;
        return new MapStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, Io = c.Io,
            Items = jsonata ? new ItemsQuerySetting(reader.Query(obj, "Items", location)) : new ItemsPathSetting(reader.PathOrNull(obj, "ItemsPath", location)),
            ItemSelector = jsonata
                ? reader.Query(obj, "ItemSelector", location) is { } query ? new QueryValueSetting(query) : null
                : reader.Template(obj, selectorField, location) is { } template ? new PayloadSetting(template) : null,
            ItemProcessor = processor,
            MaxConcurrency = reader.SettingField(obj, SettingKinds.MaxConcurrency, location, c.Language) ?? new LiteralSetting<long>(0),
            ToleratedFailureCount = reader.SettingField(obj, SettingKinds.ToleratedFailureCount, location, c.Language),
            ToleratedFailurePercentage = reader.SettingField(obj, SettingKinds.ToleratedFailurePercentage, location, c.Language),
            Retry = ErrorHandlingParser.ParseRetry(obj, location, reader),
            Catch = ErrorHandlingParser.ParseCatch(obj, location, reader, c.Language),
        };
    }
}
