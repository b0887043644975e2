namespace Lambdas.Runtime;

/// <summary>What a handler knows about the invocation it is serving (the shape of Amazon.Lambda.Core's ILambdaContext).</summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }
    string InvokedFunctionArn { get; }
    /// <summary>X-Ray trace header of this invocation; also exported as <c>_X_AMZN_TRACE_ID</c>.</summary>
    string? TraceId { get; }
    string FunctionName { get; }
    string FunctionVersion { get; }
    int MemoryLimitInMB { get; }
    string LogGroupName { get; }
    string LogStreamName { get; }
    /// <summary>Raw <c>Lambda-Runtime-Client-Context</c> header (mobile SDK invocations only).</summary>
    string? ClientContext { get; }
    /// <summary>Raw <c>Lambda-Runtime-Cognito-Identity</c> header (mobile SDK invocations only).</summary>
    string? CognitoIdentity { get; }
    /// <summary>When Lambda stops this invocation.</summary>
    DateTimeOffset Deadline { get; }
    TimeSpan RemainingTime { get; }
    ILambdaLogger Logger { get; }
}
