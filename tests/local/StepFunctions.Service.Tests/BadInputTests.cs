using System.Text.Json.Nodes;

namespace StepFunctions.Service.Tests;

/// <summary>Requests no SDK would send: each gets AWS's 400 error shape and the server keeps serving.</summary>
public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("{", "SerializationException")]
    [InlineData("[1,2]", "SerializationException")]
    [InlineData("{\"stateMachineArn\": 42}", "SerializationException")]
    [InlineData("{}", "ValidationException")]
    public async Task A_malformed_body_is_a_400_with_the_code(string body, string code)
    {
        var (status, error) = await RawHttp.PostAsync(fixture.Endpoint, "AWSStepFunctions.DescribeStateMachine", body);

        Assert.Equal(400, status);
        Assert.EndsWith("#" + code, error["__type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        await AssertStillServing();
    }

    [Theory]
    [InlineData("AWSStepFunctions.GetActivityTask")]
    [InlineData("AWSStepFunctions.")]
    [InlineData("DynamoDB_20120810.BatchWriteItem")] // the local tables are written by the workflows only
    [InlineData(null)]
    public async Task An_unknown_target_is_UnknownOperationException(string? target)
    {
        var (status, error) = await RawHttp.PostAsync(fixture.Endpoint, target, "{}");

        Assert.Equal(400, status);
        Assert.Equal("com.amazon.coral.service#UnknownOperationException", error["__type"]!.GetValue<string>());
        await AssertStillServing();
    }

    [Fact]
    public async Task An_input_over_256_KiB_is_rejected_and_a_name_over_80_characters_too()
    {
        var machine = await fixture.CreateAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var big = new JsonObject { ["data"] = new string('x', 262_144) }.ToJsonString();

        var (status, error) = await RawHttp.PostAsync(fixture.Endpoint, "AWSStepFunctions.StartExecution",
            new JsonObject { ["stateMachineArn"] = machine, ["input"] = big }.ToJsonString());
        Assert.Equal(400, status);
        Assert.EndsWith("#ValidationException", error["__type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("262144", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var sdk = await Sdk.CallAsync(fixture.Endpoint, "StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = new string('n', 81) });
        Assert.Equal("InvalidName", sdk.ErrorCode);
        Assert.Equal(400, sdk.Status);
        await AssertStillServing();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_without_reading_it_all()
    {
        var (status, error) = await RawHttp.PostAsync(fixture.Endpoint, "AWSStepFunctions.ListStateMachines", "{\"x\":\"" + new string('y', 9 * 1024 * 1024) + "\"}");

        Assert.Equal(413, status);
        Assert.EndsWith("#ValidationException", error["__type"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertStillServing();
    }

    [Fact]
    public async Task A_bad_pagination_token_is_InvalidToken()
    {
        var (status, error) = await RawHttp.PostAsync(fixture.Endpoint, "AWSStepFunctions.ListStateMachines", """{"nextToken":"garbage!"}""");

        Assert.Equal(400, status);
        Assert.EndsWith("#InvalidToken", error["__type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task AssertStillServing()
    {
        Assert.False(fixture.Server.HasExited);
        var listed = await RawHttp.CallAsync(fixture.Endpoint, "ListStateMachines", []);
        Assert.NotEmpty(listed["stateMachines"]!.AsArray());
    }
}
