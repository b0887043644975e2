using System.Text.Json.Nodes;
using StepFunctions.Local.Core;
using StepFunctions.Local.Paths;
using StepFunctions.Local.Payloads;

namespace StepFunctions.Local.InputOutput;

/// <summary>JSONPath's processing: InputPath → Parameters → (the work) → ResultSelector → ResultPath →
/// OutputPath, and Assign, whose paths read the state's result (or its input when it has none) and whose
/// <c>$name</c> references the variables as they were on entry. A field the state does not have keeps its
/// default, which passes the data through.</summary>
public sealed record JsonPathIo : StateIo
{
    public PathField InputPath { get; init; } = PathField.Root;
    public PayloadTemplate? Parameters { get; init; }
    public PayloadTemplate? ResultSelector { get; init; }
    public ResultPathField ResultPath { get; init; } = ResultPathField.Root;
    public PathField OutputPath { get; init; } = PathField.Root;
    public PayloadTemplate? Assign { get; init; }

    public override JsonNode? ReadInput(JsonNode? input, StateContext context, Inspector? inspect)
    {
        var effective = InputPath.Apply(input, context);
        inspect?.Invoke(InspectionStage.AfterInputPath, effective);
        return effective;
    }

    public override JsonNode? BuildArguments(JsonNode? input, JsonNode? effective, StateContext context, Inspector? inspect)
    {
        var parameters = Parameters is { } template ? template.Build(effective, context) : effective;
        inspect?.Invoke(InspectionStage.AfterParameters, parameters);
        return parameters;
    }

    public override Concluded Conclude(JsonNode? input, JsonNode? value, StateContext context, Inspector? inspect)
    {
        var output = ResultPath.Apply(input, value, context);
        inspect?.Invoke(InspectionStage.AfterResultPath, output);
        return new Concluded(OutputPath.Apply(output, context), Assign?.Build(value, context) as JsonObject);
    }

    public override Concluded Caught(JsonNode? input, JsonObject errorOutput, StateContext context) =>
        Conclude(input, errorOutput, context, null);

    protected override Concluded WithResult(JsonNode? input, JsonNode? result, StateContext context, Inspector? inspect)
    {
        var selected = ResultSelector is { } selector ? selector.Build(result, context) : result;
        inspect?.Invoke(InspectionStage.AfterResultSelector, selected);
        return Conclude(input, selected, context, inspect);
    }
}
