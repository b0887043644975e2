using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Testing;

/// <summary>Collects the executor's inspection events (the data after each processing step) for TestState's
/// <c>inspectionData</c>: input, afterInputPath, afterParameters (JSONPath) or afterArguments (JSONata), result,
/// afterResultSelector, afterResultPath.</summary>
internal sealed class InspectionCollector : IExecutionSubscriber
{
    private readonly JsonObject stages = [];

    public void OnEvent(ExecutionEvent e)
    {
        if (e is InspectionEvent inspection)
        {
            stages[inspection.Stage] = Json.Serialize(inspection.Data);
        }
    }

    /// <summary>The data recorded after one step (its <c>inspectionData</c> member name), if the state reached it.</summary>
    public JsonNode? Stage(string name) => stages[name];

    /// <param name="trace">TRACE adds the HTTP request and response of an HTTP Task; no Task here calls HTTP, so
    /// TRACE reports what DEBUG does.</param>
    public JsonObject ToJson(string input, bool trace)
    {
        _ = trace;
        var data = new JsonObject { ["input"] = input };
        foreach (var (stage, value) in stages)
        {
            data[stage] = value?.DeepClone();
        }
        return data;
    }
}
