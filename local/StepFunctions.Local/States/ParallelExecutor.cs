using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>Parallel: every branch gets the same input and runs concurrently; the result is an array in branch
/// order. The first failing branch stops the others and fails the state with that branch's error.</summary>
internal sealed class ParallelExecutor : ErrorHandlingExecutor
{
    private readonly ParallelStateDefinition definition;
    private readonly CompiledGraph[] branches;

    public ParallelExecutor(ParallelStateDefinition definition) : base(definition)
    {
        this.definition = definition;
        branches = [.. definition.Branches.Select(b => new CompiledGraph(b))];
    }

    protected override CompositeEventType? FailedEvent => CompositeEventType.ParallelStateFailed;

    protected override async ValueTask<JsonNode?> AttemptAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var branchInput = definition.Io.BuildArguments(input, definition.Io.ReadInput(input, context, null), context, null);
        scope.Publish(new CompositeStateEvent(Name, CompositeEventType.ParallelStateStarted));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
        var outcomes = new StateResult[branches.Length];
        var running = new Task[branches.Length];
        var children = new BranchScope[branches.Length];
        StateFailure? firstFailure = null;
        for (var i = 0; i < branches.Length; i++)
        {
            var index = i;
            var child = children[i] = scope.Child(stop.Token, $"{scope.Path}{Name}#{index}/", $"{scope.Key}{Name}#{scope.VisitOf(Name)}/{index}/");
            if (child.TryGetFinished(isMapIteration: false, out var recorded))
            {
                outcomes[i] = StateResult.Continue(recorded, null); // Finished before: not run again.
                running[i] = Task.CompletedTask;
                continue;
            }
            running[i] = Task.Run(async () =>
            {
                try
                {
                    outcomes[index] = await GraphRunner.RunAsync(branches[index], branchInput, child).ConfigureAwait(false);
                }
                catch (StatesException e)
                {
                    outcomes[index] = StateResult.Fail(e.Error, e.Cause);
                }
                if (outcomes[index].Failure is { } failure)
                {
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            });
        }
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (firstFailure is not null && !scope.Token.IsCancellationRequested)
        {
            // Siblings stopped because one branch failed; the failure is reported below.
        }
        scope.Token.ThrowIfCancellationRequested();
        scope.Join(children);
        return BranchResults.Finish(scope, Name, CompositeEventType.ParallelStateSucceeded, firstFailure, outcomes.Select(outcome => outcome.Output));
    }
}
