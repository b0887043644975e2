using Lambdas.Runtime;

namespace Lambdas.Tests.Runtime;

public sealed class LambdaEnvironmentTests
{
    [Fact]
    public void Reads_every_lambda_variable()
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
            ["_HANDLER"] = "bootstrap",
            ["LAMBDA_TASK_ROOT"] = "/var/task",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "even",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "3",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/even",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "stream",
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            ["AWS_LAMBDA_LOG_LEVEL"] = "WARN",
        };

        var environment = LambdaEnvironment.From(name => variables.GetValueOrDefault(name));

        Assert.Equal(new LambdaEnvironment
        {
            RuntimeApi = "127.0.0.1:9001",
            Handler = "bootstrap",
            TaskRoot = "/var/task",
            FunctionName = "even",
            FunctionVersion = "3",
            MemorySizeMb = 512,
            LogGroupName = "/aws/lambda/even",
            LogStreamName = "stream",
            LogFormat = LogFormat.Json,
            LogLevel = LogLevel.Warning,
        }, environment);
    }

    [Theory]
    [InlineData(null, LogLevel.Information)]
    [InlineData("TRACE", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("FATAL", LogLevel.Critical)]
    [InlineData("nonsense", LogLevel.Information)]
    public void Parses_lambda_log_level_names(string? value, LogLevel expected) =>
        Assert.Equal(expected, LambdaEnvironment.ParseLevel(value));

    [Fact]
    public void Missing_runtime_api_says_how_to_run_the_bootstrap()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LambdaEnvironment.From(_ => null));

        Assert.Contains("AWS_LAMBDA_RUNTIME_API", error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData(":9001")]
    [InlineData("localhost:http")]
    [InlineData("127.0.0.1:70000")]
    public void Runtime_api_that_is_not_host_and_port_is_named_with_the_expected_form(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LambdaEnvironment.From(name => name == "AWS_LAMBDA_RUNTIME_API" ? value : null));

        Assert.Contains($"AWS_LAMBDA_RUNTIME_API is '{value}', not host:port", error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:9001")]
    [InlineData("localhost:1")]
    [InlineData("[::1]:65535")]
    public void Runtime_api_host_and_port_is_accepted(string value) =>
        Assert.Equal(value, LambdaEnvironment.From(name => name == "AWS_LAMBDA_RUNTIME_API" ? value : null).RuntimeApi);
}
