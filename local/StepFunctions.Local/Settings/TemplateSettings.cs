using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Payloads;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.Settings;

/// <summary>A JSON value built for the state (Map's ItemSelector) from a JSONPath payload template.</summary>
public sealed class PayloadSetting(PayloadTemplate template) : Setting<JsonNode?>
{
    public override JsonNode? Resolve(JsonNode? input, StateContext context) => template.Build(input, context);
}

/// <summary>The same from a JSONata template.</summary>
public sealed class QueryValueSetting(QueryTemplate template) : Setting<JsonNode?>
{
    public override JsonNode? Resolve(JsonNode? input, StateContext context) => template.Evaluate(QueryScope.For(input, context));
}
