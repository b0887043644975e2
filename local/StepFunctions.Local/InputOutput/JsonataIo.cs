using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Queries;

namespace StepFunctions.Local.InputOutput;

/// <summary>JSONata's processing: Arguments for the work, then Output (by default the result of the work, or
/// the input when there is none) and Assign, both evaluated against the same <c>$states</c> and the variables as
/// they were when the state was entered.</summary>
public sealed record JsonataIo : StateIo
{
    public QueryTemplate? Arguments { get; init; }
    public QueryTemplate? Output { get; init; }
    public QueryTemplate? Assign { get; init; }

    public override JsonNode? ReadInput(JsonNode? input, StateContext context, Inspector? inspect) => input;

    public override JsonNode? BuildArguments(JsonNode? input, JsonNode? effective, StateContext context, Inspector? inspect)
    {
        var arguments = Arguments is { } template ? template.Evaluate(QueryScope.For(input, context)) : input;
        inspect?.Invoke(InspectionStage.AfterArguments, arguments);
        return arguments;
    }

    public override Concluded Conclude(JsonNode? input, JsonNode? value, StateContext context, Inspector? inspect) =>
        Finish(input, context, input, null, hasResult: false, errorOutput: null);

    public override Concluded Caught(JsonNode? input, JsonObject errorOutput, StateContext context) =>
        Finish(input, context, errorOutput, null, hasResult: false, errorOutput);

    protected override Concluded WithResult(JsonNode? input, JsonNode? result, StateContext context, Inspector? inspect) =>
        Finish(input, context, result, result, hasResult: true, errorOutput: null);

    /// <param name="fallback">The output when there is no Output field.</param>
    private Concluded Finish(JsonNode? input, StateContext context, JsonNode? fallback, JsonNode? result, bool hasResult, JsonNode? errorOutput)
    {
        if (Output is null && Assign is null)
        {
            return new Concluded(fallback, null);
        }
        var scope = QueryScope.For(input, context, result, hasResult, errorOutput);
        return new Concluded(Output is null ? fallback : Output.Evaluate(scope), Assign?.Evaluate(scope) as JsonObject);
    }
}
