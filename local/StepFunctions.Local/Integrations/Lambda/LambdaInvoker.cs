using System.Text.Json.Nodes;

namespace StepFunctions.Local.Integrations.Lambda;

/// <summary>What invoking a function returned. A function error carries the error document
/// (<c>{"errorMessage","errorType","stackTrace"}</c>) as <see cref="Payload"/> and its type in <see cref="FunctionError"/>.</summary>
public sealed record LambdaInvokeResult(JsonNode? Payload, string? FunctionError = null, string ExecutedVersion = "$LATEST")
{
    /// <summary>Facts for observers, such as <c>{"coldStart": true, "durationMs": 12}</c>.</summary>
    public JsonObject? Metadata { get; init; }
}

/// <summary>Invokes a Lambda function by name. Issue 6 plugs in real <c>bootstrap</c> processes behind a local
/// Runtime API; tests use <see cref="InProcessLambdaInvoker"/>. Return null when the function does not exist.</summary>
public interface ILambdaInvoker
{
    ValueTask<LambdaInvokeResult?> InvokeAsync(LambdaFunctionRef function, JsonNode? payload, CancellationToken cancellationToken);
}

/// <summary>A function named by ARN (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>),
/// partial ARN (<c>account:function:name</c>) or plain name.</summary>
public sealed record LambdaFunctionRef(string Name, string? Qualifier, string Arn)
{
    public static LambdaFunctionRef Parse(string text, string region = "us-east-1", string account = "123456789012")
    {
        var parts = text.Split(':');
        if (parts.Length >= 7 && parts[0] == "arn" && parts[5] == "function")
        {
            return new LambdaFunctionRef(parts[6], parts.Length > 7 ? parts[7] : null, text);
        }
        if (parts.Length >= 3 && parts[1] == "function")
        {
            return new LambdaFunctionRef(parts[2], parts.Length > 3 ? parts[3] : null, $"arn:aws:lambda:{region}:{text}");
        }
        var name = parts[0];
        var qualifier = parts.Length > 1 ? parts[1] : null;
        return new LambdaFunctionRef(name, qualifier, $"arn:aws:lambda:{region}:{account}:function:{text}");
    }
}
