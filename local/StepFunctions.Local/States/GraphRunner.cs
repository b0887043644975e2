using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>Walks a graph from StartAt until a state ends it or fails.</summary>
internal static class GraphRunner
{
    public static async ValueTask<StateResult> RunAsync(CompiledGraph graph, JsonNode? input, BranchScope scope)
    {
        var name = graph.StartAt;
        while (true)
        {
            scope.Token.ThrowIfCancellationRequested();
            var result = await graph[name].RunAsync(scope, input).ConfigureAwait(false);
            if (result.Failure is not null || result.Next is null)
            {
                return result;
            }
            input = result.Output;
            name = result.Next;
        }
    }
}
