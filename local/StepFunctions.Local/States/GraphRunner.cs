using System.Text.Json.Nodes;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>Walks a graph from StartAt until a state ends it or fails.</summary>
internal static class GraphRunner
{
    public static async ValueTask<StateResult> RunAsync(CompiledGraph graph, JsonNode? input, BranchScope scope, string? inputText = null)
    {
        var name = graph.StartAt;
        while (true)
        {
            scope.Token.ThrowIfCancellationRequested();
            var result = await graph[name].RunAsync(scope, input, inputText).ConfigureAwait(false);
            if (result.Failure is not null || result.Next is null)
            {
                return result;
            }
            input = result.Output;
            inputText = result.OutputText;
            name = result.Next;
        }
    }
}
