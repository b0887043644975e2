using System.Text.Json.Nodes;

namespace StepFunctions.Local.Integrations.Lambda;

/// <summary>What invoking a function returned. A function error carries the error document
/// (<c>{"errorMessage","errorType","stackTrace"}</c>) as <see cref="Payload"/> and its type in <see cref="FunctionError"/>.</summary>
public sealed record LambdaInvokeResult(JsonNode? Payload, string? FunctionError = null, string ExecutedVersion = "$LATEST")
{
    /// <summary>What the invocation reported besides its payload. Its request id is the one Lambda's Invoke
    /// also returns as <c>x-amzn-RequestId</c>; without a report the integration makes one up.</summary>
    public LambdaInvocationReport? Report { get; init; }
}

/// <summary>Invokes a Lambda function by name. local-run plugs in real <c>bootstrap</c> processes behind a local
/// Runtime API; tests use <see cref="InProcessLambdaInvoker"/>. Return null when the function does not exist.</summary>
public interface ILambdaInvoker
{
    ValueTask<LambdaInvokeResult?> InvokeAsync(LambdaFunctionRef function, JsonNode? payload, CancellationToken cancellationToken);
}

/// <summary>A function named by ARN (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>),
/// partial ARN (<c>account:function:name</c>) or plain name.</summary>
public sealed record LambdaFunctionRef(string Name, string? Qualifier, string Arn)
{
    /// <summary>Partial ARNs and plain names are completed with the local account and region.</summary>
    public static LambdaFunctionRef Parse(string text)
    {
        if (Aws.Local.Arn.TryParse(text, out var arn) && arn.ResourceType == "function")
        {
            return Named(arn.ResourceId, text);
        }
        var parts = text.Split(':', 2);
        return parts.Length == 2 && parts[1].StartsWith("function:", StringComparison.Ordinal)
            ? Named(parts[1]["function:".Length..], (Aws.Local.Arn.Local("lambda", parts[1]) with { Account = parts[0] }).ToString())
            : Named(text, Aws.Local.Arn.Local("lambda", "function:" + text).ToString());
    }

    /// <summary><paramref name="function"/> is <c>name</c> or <c>name:qualifier</c>.</summary>
    private static LambdaFunctionRef Named(string function, string arn)
    {
        var parts = function.Split(':');
        return new LambdaFunctionRef(parts[0], parts.Length > 1 ? parts[1] : null, arn);
    }
}
