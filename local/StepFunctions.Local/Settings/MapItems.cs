using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>JSONPath: the array ItemsPath selects from the effective input.</summary>
public sealed class ItemsPathSetting(PathField itemsPath) : Setting<JsonArray>
{
    public override JsonArray Resolve(JsonNode? input, StateContext context)
    {
        var node = itemsPath.Apply(input, context);
        return node as JsonArray
            ?? throw StatesException.Runtime($"{context.CausePrefix}Invalid path '{itemsPath.Text}': The ItemsPath must point to a JSON array, but it points to {Json.TypeName(node)}.");
    }
}

/// <summary>JSONata: the array Items returns, or the state input itself when there is no Items field.</summary>
public sealed class ItemsQuerySetting(QueryTemplate? items) : Setting<JsonArray>
{
    private const string Field = "Items";

    public override JsonArray Resolve(JsonNode? input, StateContext context)
    {
        var node = items is null ? input : items.Evaluate(QueryScope.For(input, context));
        return node as JsonArray
            ?? throw new QueryEvaluationException(Field, $"{context.CausePrefix}The JSONata expression specified for the field '{Field}' returned {Json.TypeName(node)}, but a Map state needs a JSON array of items.");
    }
}
