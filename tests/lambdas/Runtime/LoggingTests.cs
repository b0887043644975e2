using System.Text.Json;
using Lambdas.Runtime;
using Lambdas.Tests.Support;

namespace Lambdas.Tests.Runtime;

/// <summary>Log records through the loop: request id on every record, text and JSON layouts, level filter.</summary>
public sealed class LoggingTests
{
    private static DelegateHandler LoggingHandler() => new((input, context) =>
    {
        context.Logger.LogDebug("debug detail");
        context.Logger.LogInformation("first line\nsecond line");
        context.Logger.LogWarning("careful");
        return input;
    });

    [Fact]
    public async Task Text_records_are_tab_separated_with_the_request_id()
    {
        await using var runtime = await InProcessRuntime.StartAsync(LoggingHandler);
        var pending = runtime.Server.Enqueue("req-text", "{}"u8.ToArray(), TimeSpan.FromSeconds(30));
        await pending.Completion.Task;

        var lines = runtime.Logs.Lines;

        Assert.Equal(2, lines.Count);
        var fields = lines[0].Split('\t');
        Assert.Equal(4, fields.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", fields[0]);
        Assert.Equal(["req-text", "info", "first line\rsecond line"], fields[1..]);
        Assert.EndsWith("\twarn\tcareful", lines[1]);
    }

    [Fact]
    public async Task Json_records_are_one_object_per_line()
    {
        await using var runtime = await InProcessRuntime.StartAsync(LoggingHandler, LogFormat.Json);
        var pending = runtime.Server.Enqueue("req-json", "{}"u8.ToArray(), TimeSpan.FromSeconds(30), "Root=1-abc;Sampled=0");
        await pending.Completion.Task;

        var records = runtime.Logs.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal("Information", records[0].GetProperty("level").GetString());
        Assert.Equal("req-json", records[0].GetProperty("requestId").GetString());
        Assert.Equal("Root=1-abc;Sampled=0", records[0].GetProperty("traceId").GetString());
        Assert.Equal("first line\nsecond line", records[0].GetProperty("message").GetString());
        Assert.True(DateTimeOffset.TryParse(records[0].GetProperty("timestamp").GetString(), out _));
        Assert.Equal("Warning", records[1].GetProperty("level").GetString());
    }

    [Fact]
    public async Task Json_error_records_carry_the_error_fields()
    {
        await using var runtime = await InProcessRuntime.StartAsync(
            () => new DelegateHandler((_, _) => throw new ArgumentException("bad thing")), LogFormat.Json);

        var outcome = await runtime.InvokeAsync("{}");

        var record = JsonDocument.Parse(Assert.Single(runtime.Logs.Lines)).RootElement;
        Assert.Equal("Error", record.GetProperty("level").GetString());
        Assert.Equal(outcome.RequestId, record.GetProperty("requestId").GetString());
        Assert.Equal("ArgumentException", record.GetProperty("errorType").GetString());
        Assert.Equal("bad thing", record.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, record.GetProperty("stackTrace").ValueKind);
    }

    [Theory]
    [InlineData(LogLevel.Debug, 3)]
    [InlineData(LogLevel.Information, 2)]
    [InlineData(LogLevel.Warning, 1)]
    [InlineData(LogLevel.Error, 0)]
    public async Task Level_filter_drops_records_below_the_minimum(LogLevel minimum, int expected)
    {
        await using var runtime = await InProcessRuntime.StartAsync(LoggingHandler, LogFormat.Json, minimum);

        await runtime.InvokeAsync("{}");

        Assert.Equal(expected, runtime.Logs.Lines.Count);
    }

    [Fact]
    public async Task Init_records_have_no_request_id()
    {
        await using var runtime = await InProcessRuntime.StartAsync(() => throw new InvalidOperationException("no"), LogFormat.Json);
        await runtime.Loop;

        var record = JsonDocument.Parse(Assert.Single(runtime.Logs.Lines)).RootElement;

        Assert.False(record.TryGetProperty("requestId", out _));
        Assert.Equal("Critical", record.GetProperty("level").GetString());
        Assert.Equal("InvalidOperationException", record.GetProperty("errorType").GetString());
    }
}
