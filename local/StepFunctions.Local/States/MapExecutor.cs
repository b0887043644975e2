using System.Globalization;
using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Queries;

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

    protected override string FailedEventType => "MapStateFailed";

    protected override async ValueTask<JsonNode?> AttemptAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var (effective, items, maxConcurrency, toleratedCount, toleratedPercent) = definition.IsJsonata
            ? JsonataSettings(input, context)
            : JsonPathSettings(input, context);
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
        return BranchResults.Finish(scope, Name, Definition.Type, firstFailure, outputs);
    }

    private (JsonNode? Effective, JsonArray Items, int MaxConcurrency, int? ToleratedCount, double? ToleratedPercent) JsonPathSettings(
        JsonNode? input, StateContext context)
    {
        var effective = definition.InputPath.Apply(input, context);
        var itemsNode = definition.ItemsPath.Apply(effective, context);
        if (itemsNode is not JsonArray items)
        {
            throw StatesException.Runtime($"{context.CausePrefix}Invalid path '{definition.ItemsPath.Text}': The ItemsPath must point to a JSON array, but it points to {Json.TypeName(itemsNode)}.");
        }
        var maxConcurrency = definition.MaxConcurrencyPath is { } mcPath
            ? PathInteger(mcPath, effective, context, "MaxConcurrencyPath", n => n < 0 ? $"Expected non-negative integer for MaxConcurrency, got '{n}' instead." : null)
            : definition.MaxConcurrency;
        var toleratedCount = definition.ToleratedFailureCountPath is { } tcPath
            ? PathInteger(tcPath, effective, context, "ToleratedFailureCountPath", n => n < 0 ? "ToleratedFailureCount cannot be negative." : null)
            : definition.ToleratedFailureCount;
        double? toleratedPercent = definition.ToleratedFailurePercentagePath is { } tpPath
            ? PathPercentage(tpPath, effective, context)
            : definition.ToleratedFailurePercentage;
        return (effective, items, maxConcurrency, toleratedCount, toleratedPercent);
    }

    /// <summary>JSONata: Items (default: the state input) must be an array; the numeric settings may be expressions.</summary>
    private (JsonNode? Effective, JsonArray Items, int MaxConcurrency, int? ToleratedCount, double? ToleratedPercent) JsonataSettings(
        JsonNode? input, StateContext context)
    {
        var scope = QueryScope.For(input, context);
        var itemsNode = definition.Items is { } items ? items.Evaluate(scope) : input;
        if (itemsNode is not JsonArray array)
        {
            throw new QueryEvaluationException("Items", $"{context.CausePrefix}The JSONata expression specified for the field 'Items' returned {Json.TypeName(itemsNode)}, but a Map state needs a JSON array of items.");
        }
        return (input, array,
            (int?)QueryNumber(definition.MaxConcurrencyQuery, scope, context) ?? definition.MaxConcurrency,
            (int?)QueryNumber(definition.ToleratedFailureCountQuery, scope, context) ?? definition.ToleratedFailureCount,
            QueryNumber(definition.ToleratedFailurePercentageQuery, scope, context) ?? definition.ToleratedFailurePercentage);
    }

    private static double? QueryNumber(QueryTemplate? query, QueryScope scope, StateContext context)
    {
        if (query is null)
        {
            return null;
        }
        var value = query.Evaluate(scope);
        return Json.IsNumber(value, out var n) && n >= 0 && n <= int.MaxValue
            ? n
            : throw new QueryEvaluationException(query.Field, $"{context.CausePrefix}The JSONata expression specified for the field '{query.Field}' returned {Json.Serialize(value)}, which is not a non-negative number.");
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
        if (scope.Runtime.Replay is { } replay && replay.TryGetFinished(iterationScope.Key, isMapIteration: true, out var recorded))
        {
            return (StateResult.Continue(recorded, null), scope.LastEventId); // Succeeded before: not run again.
        }
        iterationScope.Publish(new MapIterationEvent(Name, index, "MapIterationStarted"));
        StateResult outcome;
        try
        {
            JsonNode? iterationInput = item;
            var itemContext = context with { MapItemIndex = index, MapItemValue = item };
            if (definition.ItemSelector is { } selector)
            {
                iterationInput = selector.Build(effective, itemContext);
            }
            else if (definition.ItemSelectorQuery is { } query)
            {
                iterationInput = query.Evaluate(QueryScope.For(effective, itemContext));
            }
            outcome = await GraphRunner.RunAsync(processor, iterationInput, iterationScope).ConfigureAwait(false);
        }
        catch (StatesException e)
        {
            outcome = StateResult.Fail(e.Error, e.Cause);
        }
        catch (OperationCanceledException)
        {
            iterationScope.Publish(new MapIterationEvent(Name, index, "MapIterationAborted"));
            throw;
        }
        if (outcome.Failure is null || !StatesErrors.IsTerminal(outcome.Failure.Error))
        {
            // A terminal error (States.Runtime) ends the execution with no iteration or state failure events.
            iterationScope.Publish(new MapIterationEvent(Name, index, outcome.Failure is null ? "MapIterationSucceeded" : "MapIterationFailed"));
        }
        return (outcome, iterationScope.LastEventId);
    }

    /// <summary>A *Path field's integer with AWS's causes: an integer (or a string holding one), then
    /// <paramref name="range"/>'s check.</summary>
    private static int PathInteger(JsonPath path, JsonNode? input, StateContext context, string field, Func<long, string?> range)
    {
        var node = Resolve(path, input, context);
        if (!Json.IsInteger(node, out var n) && !(Json.IsString(node, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n)))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The {field} field refers to value \"{Json.Describe(node)}\" which is not a valid integer: {path.Text}");
        }
        if ((range(n) ?? (n > int.MaxValue ? $"{field} refers to {n}, above {int.MaxValue}." : null)) is { } problem)
        {
            throw StatesException.Runtime(context.CausePrefix + problem);
        }
        return (int)n;
    }

    private static double PathPercentage(JsonPath path, JsonNode? input, StateContext context)
    {
        var node = Resolve(path, input, context);
        if (!Json.IsNumber(node, out var percent) && !(Json.IsString(node, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && (percent = whole) == whole))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The ToleratedFailurePercentagePath field refers to value \"{Json.Describe(node)}\" which is not a valid float: {path.Text}");
        }
        if (percent is < 0 or > 100)
        {
            throw StatesException.Runtime($"{context.CausePrefix}ToleratedFailurePercentage must be between 0 and 100.");
        }
        return percent;
    }

    private static JsonNode? Resolve(JsonPath path, JsonNode? input, StateContext context) =>
        PathResolver.TryResolve(path, input, context, out var node)
            ? node
            : throw StatesException.Runtime($"{context.CausePrefix}Invalid path '{path.Text}' : No results for path: {path.ToBracketNotation()}");
}
