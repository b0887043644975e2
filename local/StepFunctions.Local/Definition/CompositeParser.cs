using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

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
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, InputPath = c.InputPath, OutputPath = c.OutputPath,
            Branches = branches,
            Parameters = reader.Template(obj, "Parameters", location),
            Arguments = reader.Query(obj, "Arguments", location),
            ResultSelector = reader.Template(obj, "ResultSelector", location),
            ResultPath = reader.ResultPath(obj, "ResultPath", location),
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
        var maxConcurrency = reader.IntegerOrQuery(obj, "MaxConcurrency", location, c.Language, 0, int.MaxValue);
        var toleratedCount = reader.IntegerOrQuery(obj, "ToleratedFailureCount", location, c.Language, 0, int.MaxValue);
        var toleratedPercentage = jsonata && obj["ToleratedFailurePercentage"] is JsonValue tp && Json.IsString(tp, out _)
            ? reader.Query(obj, "ToleratedFailurePercentage", location) : null;
        return new MapStateDefinition
        {
            Name = c.Name, Comment = c.Comment, Next = c.Next, End = c.End, InputPath = c.InputPath, OutputPath = c.OutputPath,
            ItemsPath = reader.PathOrNull(obj, "ItemsPath", location),
            ItemSelector = jsonata ? null : reader.Template(obj, selectorField, location),
            ItemSelectorQuery = jsonata ? reader.Query(obj, "ItemSelector", location) : null,
            Items = reader.Query(obj, "Items", location),
            ItemProcessor = processor,
            MaxConcurrency = maxConcurrency.Value ?? 0,
            MaxConcurrencyQuery = maxConcurrency.Query,
            ToleratedFailureCountQuery = toleratedCount.Query,
            ToleratedFailurePercentageQuery = toleratedPercentage,
            MaxConcurrencyPath = reader.Path(obj, "MaxConcurrencyPath", location, requireDefinite: true),
            ToleratedFailurePercentage = toleratedPercentage is null ? reader.Number(obj, "ToleratedFailurePercentage", location, 0, 100) : null,
            ToleratedFailurePercentagePath = reader.Path(obj, "ToleratedFailurePercentagePath", location, requireDefinite: true),
            ToleratedFailureCount = toleratedCount.Value,
            ToleratedFailureCountPath = reader.Path(obj, "ToleratedFailureCountPath", location, requireDefinite: true),
            ResultSelector = reader.Template(obj, "ResultSelector", location),
            ResultPath = reader.ResultPath(obj, "ResultPath", location),
            Retry = ErrorHandlingParser.ParseRetry(obj, location, reader),
            Catch = ErrorHandlingParser.ParseCatch(obj, location, reader, c.Language),
        };
    }
}
