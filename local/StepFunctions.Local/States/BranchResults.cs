using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>How Map and Parallel end once their branches have joined.</summary>
internal static class BranchResults
{
    /// <summary>Throws the first failure (the state's <c>{Type}StateFailed</c> is published by
    /// <see cref="ErrorHandlingExecutor"/> once no Retrier takes it), or publishes <paramref name="succeeded"/> and
    /// returns the outputs in order, as copies (an output may be shared with the input, as in a Pass-through
    /// branch).</summary>
    public static JsonArray Finish(BranchScope scope, string stateName, CompositeEventType succeeded, StateFailure? failure, IEnumerable<JsonNode?> outputs)
    {
        if (failure is not null)
        {
            throw new StatesException(failure.Error, failure.Cause);
        }
        scope.Publish(new CompositeStateEvent(stateName, succeeded));
        return [.. outputs.Select(output => output?.DeepClone())];
    }
}
