using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.States;

internal sealed class WaitExecutor(WaitStateDefinition definition) : StateExecutor(definition)
{
    protected override async ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        var effective = definition.InputPath.Apply(input, context);
        var seconds = Seconds(effective, context);
        await scope.Runtime.DelayAsync(seconds, scope.Token).ConfigureAwait(false);
        return Continue(definition.OutputPath.Apply(effective, context));
    }

    private double Seconds(JsonNode? input, StateContext context)
    {
        if (definition.Seconds is { } seconds)
        {
            return seconds;
        }
        if (definition.Timestamp is { } timestamp)
        {
            return (timestamp - DateTimeOffset.UtcNow).TotalSeconds;
        }
        if (definition.SecondsPath is { } secondsPath)
        {
            if (!Paths.PathResolver.TryResolve(secondsPath, input, context, out var value) || !Json.IsInteger(value, out var n) || n < 0)
            {
                throw StatesException.Runtime($"{context.CausePrefix}The SecondsPath parameter does not reference a valid non-negative integer: '{secondsPath.Text}'.");
            }
            return n;
        }
        var path = definition.TimestampPath!;
        if (!Paths.PathResolver.TryResolve(path, input, context, out var ts) || !Json.IsString(ts, out var text)
            || !ComparisonCondition.TryParseTimestamp(text, out var parsed))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: '{path.Text}'.");
        }
        return (parsed - DateTimeOffset.UtcNow).TotalSeconds;
    }
}
