using System.Text.Json.Nodes;
using Aws.Local;
using StepFunctions.Local.Core;
using StepFunctions.Local.Execution;

namespace StepFunctions.Local.Integrations.EventBridge;

/// <summary>The "Step Functions Execution Status Change" event Step Functions sends EventBridge (source
/// <c>aws.states</c>) when an execution ends: detail as DescribeExecution has it, input and output as JSON
/// strings, dates in epoch milliseconds, output only on success and error/cause only on failure.</summary>
public static class ExecutionStatusChange
{
    public const string DetailType = "Step Functions Execution Status Change";

    public static JsonObject Of(ExecutionEndedEvent ended)
    {
        var execution = ended.Execution;
        var succeeded = ended.Status == ExecutionStatus.Succeeded;
        var region = Arn.TryParse(execution.StateMachineArn, out var arn) && arn.Region.Length > 0 ? arn.Region : LocalAccount.Region;
        var account = arn.Account.Length > 0 ? arn.Account : LocalAccount.Id;
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = DetailType,
            ["source"] = "aws.states",
            ["account"] = account,
            ["time"] = ended.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["region"] = region,
            ["resources"] = new JsonArray(execution.ExecutionArn),
            ["detail"] = new JsonObject
            {
                ["executionArn"] = execution.ExecutionArn,
                ["stateMachineArn"] = execution.StateMachineArn,
                ["name"] = execution.Name,
                ["status"] = ended.Status.ToApiName(),
                ["startDate"] = execution.StartTime.ToUnixTimeMilliseconds(),
                ["stopDate"] = ended.Timestamp.ToUnixTimeMilliseconds(),
                ["input"] = Json.Serialize(execution.Input),
                ["output"] = succeeded ? Json.Serialize(ended.Output) : null,
                ["inputDetails"] = new JsonObject { ["included"] = true },
                ["outputDetails"] = succeeded ? new JsonObject { ["included"] = true } : null,
                ["error"] = ended.Error,
                ["cause"] = ended.Cause,
            },
        };
    }
}
