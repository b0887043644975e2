using System.Text.Json.Nodes;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Operations;

/// <summary>TestState: runs one state with an input (and optional mock), reporting inspection data.</summary>
public static class TestStateOperation
{
    public static Task<JsonObject> RunAsync(LocalService service, ApiRequest request) =>
        throw new ApiException("ValidationException", "TestState is being implemented.");
}
