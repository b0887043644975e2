using System.Text.Json.Nodes;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.States;

/// <summary>How a state ended: an output and the next state (null = end of its graph), or a failure.</summary>
internal readonly record struct StateResult(JsonNode? Output, string? Next, StateFailure? Failure)
{
    public static StateResult Continue(JsonNode? output, string? next) => new(output, next, null);

    public static StateResult Fail(string error, string? cause) => new(null, null, new StateFailure(error, cause));
}

internal sealed record StateFailure(string Error, string? Cause);
