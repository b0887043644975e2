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
        var parts = resource.Split(':');
        // arn:aws:states:::service:action[.pattern]  (the action may contain ':' as in "startExecution.sync:2")
        if (parts.Length >= 7 && parts[2] == "states" && parts[3].Length == 0 && parts[4].Length == 0)
        {
            return new ResourceArn(resource, parts[5], string.Join(':', parts[6..]), null);
        }
        // arn:aws:lambda:region:account:function:name[:qualifier]
        if (parts.Length >= 7 && parts[2] == "lambda" && parts[5] == "function")
        {
            return new ResourceArn(resource, "lambda", resource, resource);
        }
        if (parts.Length >= 7 && parts[2] == "states" && parts[5] == "activity")
        {
            return new ResourceArn(resource, "activity", resource, null);
        }
        return new ResourceArn(resource, parts.Length > 2 ? parts[2] : "unknown", resource, null);
    }
}
