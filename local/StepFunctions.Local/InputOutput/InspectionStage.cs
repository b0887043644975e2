using System.Text.Json.Nodes;

namespace StepFunctions.Local.InputOutput;

/// <summary>The processing steps TestState's <c>inspectionData</c> reports, in processing order.</summary>
public enum InspectionStage
{
    AfterInputPath,
    AfterParameters,
    AfterArguments,
    Result,
    AfterResultSelector,
    AfterResultPath,
}

public static class InspectionStages
{
    /// <summary>The <c>inspectionData</c> member: <c>afterInputPath</c>, <c>result</c>, ...</summary>
    public static string ApiName(this InspectionStage stage) => stage switch
    {
        InspectionStage.AfterInputPath => "afterInputPath",
        InspectionStage.AfterParameters => "afterParameters",
        InspectionStage.AfterArguments => "afterArguments",
        InspectionStage.Result => "result",
        InspectionStage.AfterResultSelector => "afterResultSelector",
        _ => "afterResultPath",
    };
}

/// <summary>Receives the data after one processing step (null when nothing inspects the run).</summary>
public delegate void Inspector(InspectionStage stage, JsonNode? data);
