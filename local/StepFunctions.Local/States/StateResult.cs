using System.Text.Json.Nodes;

namespace StepFunctions.Local.States;

/// <summary>How a state ended: an output and the next state (null = end of its graph), or a failure.</summary>
internal readonly record struct StateResult(JsonNode? Output, string? Next, StateFailure? Failure)
{
    public static StateResult Continue(JsonNode? output, string? next, JsonObject? assigned = null) =>
        new(output, next, null) { Assigned = assigned };

    public static StateResult Fail(string error, string? cause) => new(null, null, new StateFailure(error, cause));

    /// <summary>The workflow variables the state's Assign produced, bound when the state exits.</summary>
    public JsonObject? Assigned { get; init; }
}

internal sealed record StateFailure(string Error, string? Cause);
