using System.Diagnostics;
using System.Text.Json;
using Lambda.Local;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.EndToEnd;

/// <summary>The shipped bootstraps (artifacts/publish/&lt;name&gt;/bootstrap) as real processes on the real Runtime API.</summary>
public sealed class PublishedBootstrapTests
{
    private static async Task<LocalFunction> StartAsync(string name, string logFormat = "Text", string? logLevel = null) =>
        new(new LocalFunctionOptions
        {
            BootstrapPath = await PublishedBootstraps.PathOfAsync(name),
            FunctionName = name,
            LogFormat = logFormat,
            LogLevel = logLevel,
            // Generous: a loaded CI machine must not turn a slow start into a failure.
            Timeout = TimeSpan.FromSeconds(30),
            InitTimeout = TimeSpan.FromSeconds(60),
        });

    [Fact]
    public async Task Number_generator_answers_cold_then_warm_in_one_process()
    {
        await using var function = await StartAsync("number-generator");

        var cold = await function.InvokeAsync("{}");
        var pid = function.ProcessId;
        var warm = await function.InvokeAsync("""{"min": 999999, "max": 1000000}""");

        Assert.True(cold.Cold);
        Assert.NotNull(cold.InitDuration);
        Assert.False(warm.Cold);
        Assert.Null(warm.InitDuration);
        Assert.Equal(pid, function.ProcessId);
        using var first = JsonDocument.Parse(cold.Payload!);
        var number = first.RootElement.GetProperty("number").GetInt32();
        Assert.InRange(number, 1, 100);
        Assert.Equal(number % 2 == 0, first.RootElement.GetProperty("is_even").GetBoolean());
        using var second = JsonDocument.Parse(warm.Payload!);
        Assert.InRange(second.RootElement.GetProperty("number").GetInt32(), 999_999, 1_000_000);
    }

    [Theory]
    [InlineData("even", 42, "even")]
    [InlineData("odd", 7, "odd")]
    public async Task Parity_function_echoes_its_number_and_logs_it_with_the_request_id(string name, int number, string parity)
    {
        await using var function = await StartAsync(name);

        var result = await function.InvokeAsync($$"""{"number": {{number}}}""");

        Assert.Equal($$"""{"number":{{number}},"parity":"{{parity}}"}""", result.Payload);
        var line = Assert.Single(result.Logs);
        Assert.Equal([result.RequestId, "info", $"number {number} is {parity}"], line.Split('\t')[1..]);
    }

    [Theory]
    [InlineData("even", 7, "7 is odd")]
    [InlineData("odd", 42, "42 is even")]
    public async Task Wrong_parity_is_a_WrongParityException(string name, int number, string message)
    {
        await using var function = await StartAsync(name);

        var result = await function.InvokeAsync($$"""{"number": {{number}}}""");

        Assert.Null(result.Payload);
        Assert.Equal("WrongParityException", result.Error!.ErrorType);
        Assert.StartsWith(message, result.Error.ErrorMessage);
        using var json = JsonDocument.Parse(result.Error.Json);
        // Native AOT keeps method names (StackTraceSupport): the first frame is the handler that threw.
        var frames = json.RootElement.GetProperty("stackTrace").EnumerateArray().Select(frame => frame.GetString()).ToList();
        var handler = name == "even" ? "Lambdas.Even.EvenHandler.Handle(" : "Lambdas.Odd.OddHandler.Handle(";
        Assert.StartsWith("at " + handler, frames[0]);
    }

    [Theory]
    [InlineData("number-generator", """{"min": "one"}""", "Field 'min' must be an integer from 1 to 1000000")]
    [InlineData("number-generator", "", "The request body is empty")]
    [InlineData("even", """{"number": 4.5}""", "Field 'number' must be an integer")]
    [InlineData("odd", "{not json", "not valid JSON")]
    public async Task Bad_input_is_an_InvalidInputException_and_the_process_keeps_serving(string name, string payload, string message)
    {
        await using var function = await StartAsync(name);
        var good = name == "odd" ? """{"number": 1}""" : """{"number": 2}""";

        var bad = await function.InvokeAsync(payload);
        var pid = function.ProcessId;
        var next = await function.InvokeAsync(good);

        Assert.Equal("InvalidInputException", bad.Error!.ErrorType);
        Assert.Contains(message, bad.Error.ErrorMessage);
        Assert.DoesNotContain("   at ", bad.Error.ErrorMessage);
        Assert.True(next.Succeeded);
        Assert.False(next.Cold);
        Assert.Equal(pid, function.ProcessId);
    }

    [Fact]
    public async Task Json_logs_are_one_json_object_per_line_with_request_and_trace_ids()
    {
        await using var function = await StartAsync("even", logFormat: "JSON");

        var result = await function.InvokeAsync("""{"number": 8}""");

        var record = JsonDocument.Parse(Assert.Single(result.Logs)).RootElement;
        Assert.Equal("Information", record.GetProperty("level").GetString());
        Assert.Equal(result.RequestId, record.GetProperty("requestId").GetString());
        Assert.StartsWith("Root=1-", record.GetProperty("traceId").GetString());
        Assert.Equal("number 8 is even", record.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Log_level_filters_records_in_the_process()
    {
        await using var function = await StartAsync("odd", logFormat: "JSON", logLevel: "ERROR");

        var quiet = await function.InvokeAsync("""{"number": 9}""");
        var loud = await function.InvokeAsync("""{"number": 10}""");

        Assert.Empty(quiet.Logs);
        var record = JsonDocument.Parse(Assert.Single(loud.Logs)).RootElement;
        Assert.Equal("Error", record.GetProperty("level").GetString());
        Assert.Equal("WrongParityException", record.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Payload_over_the_limit_is_refused_before_the_function_runs()
    {
        await using var function = await StartAsync("even");
        var padding = new string('x', RuntimeApiServer.MaxPayloadBytes);

        var result = await function.InvokeAsync($$"""{"number": 2, "padding": "{{padding}}"}""");

        Assert.Equal("RequestTooLargeException", result.Error!.ErrorType);
        Assert.Equal(ErrorOrigin.Service, result.Error.Origin);
    }

    [Fact]
    public async Task Payload_just_under_the_limit_is_served()
    {
        await using var function = await StartAsync("even");
        var padding = new string('x', RuntimeApiServer.MaxPayloadBytes - 100);

        var result = await function.InvokeAsync($$"""{"number": 2, "padding": "{{padding}}"}""");

        Assert.Equal("""{"number":2,"parity":"even"}""", result.Payload);
    }

    [Fact]
    public async Task A_500_from_next_makes_the_bootstrap_exit()
    {
        await using var server = await RuntimeApiServer.StartAsync();
        server.NextStatusOverride = System.Net.HttpStatusCode.InternalServerError;
        var options = new LocalFunctionOptions { BootstrapPath = await PublishedBootstraps.PathOfAsync("even") };
        var log = Path.GetTempFileName();
        try
        {
            using var process = Process.Start(FunctionProcess.CreateStartInfo(options, server.RuntimeApi, log))!;
            await process.WaitForExitAsync();

            Assert.Equal(2, process.ExitCode);
            Assert.Contains("Runtime API is unavailable", await File.ReadAllTextAsync(log));
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task Bootstrap_outside_lambda_says_what_is_missing()
    {
        var start = new ProcessStartInfo(await PublishedBootstraps.PathOfAsync("odd")) { RedirectStandardError = true };
        start.Environment.Remove("AWS_LAMBDA_RUNTIME_API");

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", errors);
    }

    [Fact]
    public async Task Bootstrap_with_a_malformed_runtime_api_says_so_instead_of_crashing()
    {
        var start = new ProcessStartInfo(await PublishedBootstraps.PathOfAsync("even")) { RedirectStandardError = true };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1";

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(3, process.ExitCode);
        Assert.Equal("AWS_LAMBDA_RUNTIME_API is '127.0.0.1', not host:port of the Runtime API (e.g. 127.0.0.1:9001). Lambda and local/Lambda.Local set it correctly.\n", errors);
    }
}
