using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

/// <summary>Map (inline): runs the ItemProcessor once per item, at most MaxConcurrency at a time (0 = no
/// limit), and returns the outputs in item order. Without a tolerated-failure setting the first failing
/// iteration stops the rest and fails the state with its error.</summary>
internal sealed class MapExecutor : ErrorHandlingExecutor
{
    private readonly MapStateDefinition definition;
    private readonly CompiledGraph processor;

    public MapExecutor(MapStateDefinition definition) : base(definition)
    {
        this.definition = definition;
        processor = new CompiledGraph(definition.ItemProcessor);
    }

    protected override CompositeEventType? FailedEvent => CompositeEventType.MapStateFailed;

    protected override async ValueTask<JsonNode?> AttemptAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.Io.ReadInput(input, context, null);
        var items = definition.Items.Resolve(effective, context);
        var maxConcurrency = (int)definition.MaxConcurrency.Resolve(effective, context);
        var toleratedCount = definition.ToleratedFailureCount?.Resolve(effective, context);
        var toleratedPercent = definition.ToleratedFailurePercentage?.Resolve(effective, context);
        var tolerant = toleratedCount is not null || toleratedPercent is not null;

        var count = items.Count;
        scope.Publish(new MapStateStartedEvent(Name, count));
        var outputs = new JsonNode?[count];
        var failures = 0;
        StateFailure? firstFailure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
        var next = -1;
        var latestEvent = scope.LastEventId;

        async Task Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count && !stop.IsCancellationRequested)
            {
                var (outcome, lastEventId) = await RunIterationAsync(scope, context, effective, items, index, stop.Token).ConfigureAwait(false);
                InterlockedMax(ref latestEvent, lastEventId);
                if (outcome.Failure is { } failure)
                {
                    Interlocked.Increment(ref failures);
                    outputs[index] = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause };
                    if (!tolerant || StatesErrors.IsTerminal(failure.Error))
                    {
                        Interlocked.CompareExchange(ref firstFailure, failure, null);
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }
                else
                {
                    outputs[index] = outcome.Output;
                }
            }
        }

        var workers = new Task[Math.Max(1, maxConcurrency == 0 ? count : Math.Min(maxConcurrency, count))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(Worker);
        }
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (firstFailure is not null && !scope.Token.IsCancellationRequested)
        {
            // Other iterations stopped because one failed; reported below.
        }
        scope.Token.ThrowIfCancellationRequested();
        scope.Follow(latestEvent);
        if (firstFailure is null && tolerant && count > 0
            && ((toleratedCount is { } c && failures > c) || (toleratedPercent is { } p && failures * 100.0 / count > p)))
        {
            firstFailure = new StateFailure(StatesErrors.ExceedToleratedFailureThreshold,
                $"The specified tolerated failure threshold was exceeded: {failures} of {count} iterations failed.");
        }
        return BranchResults.Finish(scope, Name, CompositeEventType.MapStateSucceeded, firstFailure, outputs);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private async Task<(StateResult Outcome, long LastEventId)> RunIterationAsync(BranchScope scope, StateContext context, JsonNode? effective, JsonArray items, int index, CancellationToken token)
    {
        var item = items[index];
        var iterationScope = scope.Child(token, $"{scope.Path}{Name}[{index}]/", $"{scope.Key}{Name}#{scope.VisitOf(Name)}[{index}]/");
        if (iterationScope.TryGetFinished(isMapIteration: true, out var recorded))
        {
            return (StateResult.Continue(recorded, null), scope.LastEventId); // Succeeded before: not run again.
        }
        iterationScope.Publish(new MapIterationEvent(Name, index, MapIterationStatus.Started));
        StateResult outcome;
        try
        {
            var iterationInput = definition.ItemSelector is { } selector
                ? selector.Resolve(effective, context with { MapItemIndex = index, MapItemValue = item })
                : item;
            outcome = await GraphRunner.RunAsync(processor, iterationInput, iterationScope).ConfigureAwait(false);
        }
        catch (StatesException e)
        {
            outcome = StateResult.Fail(e.Error, e.Cause);
        }
        catch (OperationCanceledException)
        {
            iterationScope.Publish(new MapIterationEvent(Name, index, MapIterationStatus.Aborted));
            throw;
        }
        if (outcome.Failure is null || !StatesErrors.IsTerminal(outcome.Failure.Error))
        {
            // A terminal error (States.Runtime) ends the execution with no iteration or state failure events.
            iterationScope.Publish(new MapIterationEvent(Name, index, outcome.Failure is null ? MapIterationStatus.Succeeded : MapIterationStatus.Failed));
        }
        return (outcome, iterationScope.LastEventId);
    }
}
