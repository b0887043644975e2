namespace Lambdas.Runtime;

/// <summary>One event from <c>GET /runtime/invocation/next</c>: the body plus the Lambda-Runtime-* headers.</summary>
public sealed record InvocationRequest(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    byte[] Body);
