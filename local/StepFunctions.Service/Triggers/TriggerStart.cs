using System.Text.Json.Nodes;
using StepFunctions.Service.Operations;
using StepFunctions.Service.Protocol;

namespace StepFunctions.Service.Triggers;

/// <summary>How every trigger starts the orchestrator: StartExecution, as the trigger's role calls it on AWS (no name:
/// Step Functions makes one), with the same checks and errors, recording what started it.</summary>
public static class TriggerStart
{
    public static Task<JsonObject> StartAsync(LocalService service, string stateMachineArn, string input, string startedBy) =>
        ExecutionOperations.StartAsync(service, new ApiRequest(new JsonObject
        {
            ["stateMachineArn"] = stateMachineArn,
            ["input"] = input,
        }) { Caller = startedBy });
}
