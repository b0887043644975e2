using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.States;

/// <summary>Retry then Catch around each attempt, for Task, Parallel and Map.</summary>
internal abstract class ErrorHandlingExecutor(ErrorHandlingStateDefinition definition) : StateExecutor(definition)
{
    private readonly ErrorHandlingStateDefinition handling = definition;

    protected sealed override async ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        int[]? attempts = null;
        while (true)
        {
            var attempted = false;
            try
            {
                var result = await AttemptAsync(scope, context, input).ConfigureAwait(false);
                attempted = true;
                return Continue(handling.Io.ConcludeResult(input, result, context, Inspection(scope)));
            }
            catch (StatesException e) when (!StatesErrors.IsTerminal(e.Error))
            {
                PublishEvaluationFailure(scope, e);
                var retrier = FindRetrier(e.Error);
                if (retrier >= 0)
                {
                    attempts ??= new int[handling.Retry.Count];
                    var policy = handling.Retry[retrier];
                    if (attempts[retrier] < policy.MaxAttempts)
                    {
                        var delay = RetryPolicy.DelaySeconds(policy, attempts[retrier]);
                        attempts[retrier]++;
                        context.RetryCount++;
                        await scope.Runtime.DelayAsync(delay, scope.Token).ConfigureAwait(false);
                        continue;
                    }
                }
                var beforeFailed = scope.LastEventId;
                var failedEvent = !attempted ? FailedEvent : null;
                if (failedEvent is not null)
                {
                    // AWS records MapStateFailed/ParallelStateFailed once no Retrier takes the failure, before a
                    // Catcher does; not for a failure after the state succeeded, nor for terminal errors.
                    scope.Publish(new CompositeStateEvent(Name, failedEvent.Value));
                }
                foreach (var catcher in handling.Catch)
                {
                    if (catcher.ErrorEquals.Any(pattern => StatesErrors.Matches(pattern, e.Error)))
                    {
                        var errorOutput = new JsonObject { ["Error"] = e.Error, ["Cause"] = e.Cause };
                        try
                        {
                            var (output, assigned) = catcher.Io.Caught(input, errorOutput, context);
                            return StateResult.Continue(output, catcher.Next, assigned);
                        }
                        catch (QueryEvaluationException failure) when (failedEvent is not null)
                        {
                            // As AWS records it: the Catcher's EvaluationFailed chains from where the state stood
                            // before its failed event, and the state fails a second time.
                            scope.ChainFrom(beforeFailed);
                            PublishEvaluationFailure(scope, failure);
                            scope.Publish(new CompositeStateEvent(Name, failedEvent.Value));
                            return StateResult.Fail(failure.Error, failure.Cause);
                        }
                    }
                }
                return StateResult.Fail(e.Error, e.Cause);
            }
        }
    }

    /// <summary>The first Retrier whose ErrorEquals matches is the one used, even when it is exhausted.</summary>
    private int FindRetrier(string error)
    {
        for (var i = 0; i < handling.Retry.Count; i++)
        {
            foreach (var pattern in handling.Retry[i].ErrorEquals)
            {
                if (StatesErrors.Matches(pattern, error))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    /// <summary>The event a failed attempt leaves when nothing retries it (MapStateFailed, ParallelStateFailed), or null.</summary>
    protected virtual CompositeEventType? FailedEvent => null;

    /// <summary>One attempt: from the raw state input to the raw result (before ResultSelector).</summary>
    protected abstract ValueTask<JsonNode?> AttemptAsync(BranchScope scope, StateContext context, JsonNode? input);
}
