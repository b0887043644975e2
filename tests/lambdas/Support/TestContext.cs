using Lambdas.Runtime;

namespace Lambdas.Tests.Support;

/// <summary>A context for calling handlers directly; keeps what they log.</summary>
public sealed class TestContext : ILambdaContext, ILambdaLogger
{
    public List<(LogLevel Level, string Message)> Records { get; } = [];
    public string AwsRequestId { get; init; } = "test-request";
    public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:000000000000:function:test";
    public string? TraceId => null;
    public string FunctionName => "test";
    public string FunctionVersion => "$LATEST";
    public int MemoryLimitInMB => 128;
    public string LogGroupName => "/aws/lambda/test";
    public string LogStreamName => "stream";
    public string? ClientContext => null;
    public string? CognitoIdentity => null;
    public DateTimeOffset Deadline => DateTimeOffset.UtcNow.AddSeconds(3);
    public TimeSpan RemainingTime => TimeSpan.FromSeconds(3);
    public ILambdaLogger Logger => this;
    public bool IsEnabled(LogLevel level) => true;
    public void Log(LogLevel level, string message, Exception? exception = null) => Records.Add((level, message));
}
