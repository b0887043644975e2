using Aws.Local;
using StepFunctions.Local.Core;

namespace StepFunctions.Local.Integrations;

/// <summary>A Task's Resource, split the way Step Functions reports it in history
/// (<c>resourceType</c> "lambda", <c>resource</c> "invoke"; or a Lambda function for plain ARNs).</summary>
public sealed record ResourceArn(string Text, string ResourceType, string ResourceName, string? LambdaFunction)
{
    /// <summary>The service integration action without its pattern, e.g. "invoke", "runTask", "publish".</summary>
    public string Action => ResourceName.Split('.')[0];

    /// <summary>"sync", "sync:2", "waitForTaskToken", or "" for request-response.</summary>
    public string Pattern => ResourceName.Contains('.', StringComparison.Ordinal) ? ResourceName[(ResourceName.IndexOf('.', StringComparison.Ordinal) + 1)..] : "";

    public bool IsLambdaFunction => LambdaFunction is not null;

    public static ResourceArn Parse(string resource)
    {
        if (!Arn.TryParse(resource, out var arn))
        {
            return new ResourceArn(resource, "unknown", resource, null);
        }
        // arn:aws:states:::service:action[.pattern]  (the action may contain ':' as in "startExecution.sync:2")
        if (arn is { Service: "states", Region: "", Account: "" } && arn.ResourceId.Length > 0)
        {
            return new ResourceArn(resource, arn.ResourceType, arn.ResourceId, null);
        }
        // arn:aws:lambda:region:account:function:name[:qualifier]
        if (arn is { Service: "lambda", ResourceType: "function" } && arn.ResourceId.Length > 0)
        {
            return new ResourceArn(resource, "lambda", resource, resource);
        }
        if (arn is { Service: "states", ResourceType: "activity" } && arn.ResourceId.Length > 0)
        {
            return new ResourceArn(resource, "activity", resource, null);
        }
        return new ResourceArn(resource, arn.Service, resource, null);
    }
}
