namespace Lambdas.Runtime;

/// <summary>The context handed to a handler for one invocation.</summary>
public sealed class LambdaContext(InvocationRequest request, LambdaEnvironment environment, ILambdaLogger logger, TimeProvider time)
    : ILambdaContext
{
    public string AwsRequestId => request.RequestId;
    public string InvokedFunctionArn => request.InvokedFunctionArn;
    public string? TraceId => request.TraceId;
    public string FunctionName => environment.FunctionName;
    public string FunctionVersion => environment.FunctionVersion;
    public int MemoryLimitInMB => environment.MemorySizeMb;
    public string LogGroupName => environment.LogGroupName;
    public string LogStreamName => environment.LogStreamName;
    public string? ClientContext => request.ClientContext;
    public string? CognitoIdentity => request.CognitoIdentity;
    public DateTimeOffset Deadline => request.Deadline;
    public TimeSpan RemainingTime
    {
        get
        {
            var left = request.Deadline - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
    public ILambdaLogger Logger => logger;
}
