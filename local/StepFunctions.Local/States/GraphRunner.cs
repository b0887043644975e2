using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

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
            StateResult result;
            if (runtime.Replay is { } replay && replay.TryGetExit(scope.Key, name, visit, out var exit))
            {
                scope.Skip(exit);
                result = StateResult.Continue(exit.Output, exit.Next);
            }
            else
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
