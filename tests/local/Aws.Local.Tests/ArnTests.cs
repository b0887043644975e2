namespace Aws.Local.Tests;

public class ArnTests
{
    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:even:live", "aws", "lambda", "us-east-1", "123456789012", "function:even:live", "function", "even:live")]
    [InlineData("arn:aws:ecs:eu-west-1:1:task/cluster/abc", "aws", "ecs", "eu-west-1", "1", "task/cluster/abc", "task", "cluster/abc")]
    [InlineData("arn:aws:states:::states:startExecution.sync:2", "aws", "states", "", "", "states:startExecution.sync:2", "states", "startExecution.sync:2")]
    [InlineData("arn:aws-cn:sns:cn-north-1:1:topic", "aws-cn", "sns", "cn-north-1", "1", "topic", "topic", "")]
    public void Parses_every_part_and_formats_back(string text, string partition, string service, string region, string account, string resource, string type, string id)
    {
        var arn = Arn.Parse(text);
        Assert.Equal((partition, service, region, account, resource), (arn.Partition, arn.Service, arn.Region, arn.Account, arn.Resource));
        Assert.Equal((type, id), (arn.ResourceType, arn.ResourceId));
        Assert.Equal(text, arn.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("even")]
    [InlineData("123456789012:function:even")]
    [InlineData("arn:aws:lambda:us-east-1")]
    [InlineData("nra:aws:lambda:r:a:function:f")]
    public void Rejects_what_is_not_an_arn(string text)
    {
        Assert.False(Arn.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Arn.Parse(text));
        Assert.Contains("arn:partition:service:region:account:resource", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_arns_use_the_one_local_account_and_region()
    {
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:m", Arn.Local("states", "stateMachine:m").ToString());
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/c", (Arn.Parse("arn:aws:ecs:eu-west-1:1:task/c/x") with { Region = LocalAccount.Region, Account = LocalAccount.Id, Resource = "cluster/c" }).ToString());
    }
}
