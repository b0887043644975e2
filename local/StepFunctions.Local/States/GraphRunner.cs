using System.Text.Json.Nodes;

namespace StepFunctions.Local.States;

/// <summary>Walks a graph from StartAt until a state ends it or fails. Replaying, a state visit that exited
/// before is not run again: its recorded output goes to its recorded next state.</summary>
internal static class GraphRunner
{
    public static async ValueTask<StateResult> RunAsync(CompiledGraph graph, JsonNode? input, BranchScope scope)
    {
        var runtime = scope.Runtime;
        var name = graph.StartAt;
        while (true)
        {
            scope.Token.ThrowIfCancellationRequested();
            var visit = scope.Visit(name);
            if (!scope.TrySkip(name, visit, out var result))
            {
                if (runtime.Options.Checkpoint is { } checkpoint)
                {
                    await checkpoint(scope.Token).ConfigureAwait(false);
                }
                result = await graph[name].RunAsync(scope, input, visit).ConfigureAwait(false);
            }
            if (result.Failure is not null || result.Next is null)
            {
                return result;
            }
            input = result.Output;
            name = result.Next;
        }
    }
}
