namespace Aws.Local;

/// <summary>The one account and region of the whole offline system: the executor's ARNs, the Lambda host's
/// function ARNs and AWS_REGION, and the workflows' stand-ins for deployed resources all use these.</summary>
public static class LocalAccount
{
    public const string Id = "123456789012";
    public const string Region = "us-east-1";
    public const string Partition = "aws";
}
