using System.Text.Json.Nodes;

namespace StepFunctions.Local.Testing;

/// <summary>What TestState answers: the status, the state's output (JSON text, as the API carries it), its error and
/// cause, the state it goes to next, and at DEBUG/TRACE the inspection data.</summary>
public sealed record TestStateResult(TestExecutionStatus Status, string? Output, string? Error, string? Cause, string? NextState, JsonObject? InspectionData)
{
    /// <summary>AWS's TestState response: absent members left out, as AWS leaves them out.</summary>
    public JsonObject ToJson()
    {
        var response = new JsonObject();
        foreach (var (member, value) in new (string, string?)[] { ("output", Output), ("error", Error), ("cause", Cause), ("nextState", NextState) })
        {
            if (value is not null)
            {
                response[member] = value;
            }
        }
        response["status"] = Status.ToApiName();
        if (InspectionData is not null)
        {
            response["inspectionData"] = InspectionData.DeepClone();
        }
        return response;
    }
}
