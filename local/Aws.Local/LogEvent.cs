namespace Aws.Local;

/// <summary>One CloudWatch Logs event: when it happened and its text. The Lambda host makes them for each
/// invocation; the local Step Functions service stores them and answers CloudWatch Logs' reads with them.</summary>
public sealed record LogEvent(DateTimeOffset Timestamp, string Message);
