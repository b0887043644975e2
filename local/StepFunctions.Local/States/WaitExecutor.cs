using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Definition;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.States;

internal sealed class WaitExecutor(WaitStateDefinition definition) : StateExecutor(definition)
{
    protected override async ValueTask<StateResult> ExecuteAsync(BranchScope scope, StateContext context, JsonNode? input)
    {
        if (definition.IsJsonata)
        {
            var (value, assigned) = Conclude(definition.Output, definition.Assign, input, context);
            await scope.Runtime.DelayAsync(QuerySeconds(input, context), scope.Token).ConfigureAwait(false);
            return Continue(value, assigned);
        }
        var effective = definition.InputPath.Apply(input, context);
        var seconds = Seconds(effective, context);
        await scope.Runtime.DelayAsync(seconds, scope.Token).ConfigureAwait(false);
        return Continue(definition.OutputPath.Apply(effective, context), AssignPaths(definition.Assign, effective, context));
    }

    private double QuerySeconds(JsonNode? input, StateContext context)
    {
        if (definition.SecondsQuery is { } secondsQuery)
        {
            var value = secondsQuery.Evaluate(QueryScope.For(input, context));
            return Json.IsInteger(value, out var n) && n is >= 0 and <= 99_999_999
                ? n
                : throw new QueryEvaluationException("Seconds", $"{context.CausePrefix}The JSONata expression specified for the field 'Seconds' returned {Json.Serialize(value)}, which is not an integer between 0 and 99999999.");
        }
        if (definition.TimestampQuery is { } timestampQuery)
        {
            var value = timestampQuery.Evaluate(QueryScope.For(input, context));
            return Json.IsString(value, out var text) && ComparisonCondition.TryParseTimestamp(text, out var parsed)
                ? (parsed - DateTimeOffset.UtcNow).TotalSeconds
                : throw new QueryEvaluationException("Timestamp", $"{context.CausePrefix}The JSONata expression specified for the field 'Timestamp' returned {Json.Serialize(value)}, which is not an ISO-8601 timestamp such as 2016-03-14T01:59:00Z.");
        }
        return Seconds(input, context);
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
            if (!Paths.PathResolver.TryResolve(secondsPath, input, context, out var value))
            {
                throw StatesException.Runtime($"{context.CausePrefix}The SecondsPath parameter does not reference an input value: {secondsPath.Text}");
            }
            if (!Json.IsInteger(value, out var n))
            {
                throw StatesException.Runtime($"{context.CausePrefix}The SecondsPath parameter cannot be parsed as a long value: {secondsPath.Text} == {Json.Describe(value)}");
            }
            if (n < 0)
            {
                throw StatesException.Runtime($"{context.CausePrefix}The SecondsPath parameter references a negative value: {secondsPath.Text} == {n}");
            }
            return n;
        }
        var path = definition.TimestampPath!;
        if (!Paths.PathResolver.TryResolve(path, input, context, out var ts))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The TimestampPath parameter does not reference an input value: {path.Text}");
        }
        if (!Json.IsString(ts, out var text) || !ComparisonCondition.TryParseTimestamp(text, out var parsed))
        {
            throw StatesException.Runtime($"{context.CausePrefix}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path.Text} == {Json.Describe(ts)}");
        }
        return (parsed - DateTimeOffset.UtcNow).TotalSeconds;
    }
}
