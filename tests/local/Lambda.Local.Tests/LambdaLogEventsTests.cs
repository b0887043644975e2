using System.Text.Json;

namespace Lambda.Local.Tests;

/// <summary>What an invocation delivers to CloudWatch Logs: START, the process's lines, END and REPORT, each naming
/// the request id, in the function's log stream; the JSON log format's platform records instead.</summary>
public sealed class LambdaLogEventsTests
{
    [Fact]
    public async Task An_invocation_is_framed_by_START_END_and_REPORT_with_its_request_id()
    {
        var options = BashRuntime.Options(); // 256 MB
        await using var function = new LocalFunction(options);
        var cold = await function.InvokeAsync("{}");
        var warm = await function.InvokeAsync("{}");

        var coldEvents = LambdaLogEvents.Of(cold, options).Select(e => e.Message).ToList();
        Assert.Equal($"START RequestId: {cold.RequestId} Version: $LATEST", coldEvents[0]);
        Assert.Equal(["init bash-fn", $"handling {cold.RequestId}", $"stderr {cold.RequestId}"], coldEvents[1..4]);
        Assert.Equal($"END RequestId: {cold.RequestId}", coldEvents[4]);
        Assert.StartsWith($"REPORT RequestId: {cold.RequestId}\tDuration: ", coldEvents[5], StringComparison.Ordinal);
        Assert.Contains("\tMemory Size: 256 MB\t", coldEvents[5], StringComparison.Ordinal);
        Assert.Contains("\tInit Duration: ", coldEvents[5], StringComparison.Ordinal); // cold only
        Assert.Equal(6, coldEvents.Count);

        var warmEvents = LambdaLogEvents.Of(warm, options);
        Assert.DoesNotContain("Init Duration", warmEvents[^1].Message, StringComparison.Ordinal);
        Assert.True(warmEvents.Zip(warmEvents.Skip(1)).All(pair => pair.First.Timestamp <= pair.Second.Timestamp), "events are in time order");
        Assert.True(warmEvents[0].Timestamp >= LambdaLogEvents.Of(cold, options)[^1].Timestamp, "the warm invocation starts after the cold one ended");
        // One process, one stream, named as Lambda names them.
        Assert.Equal(cold.LogStreamName, warm.LogStreamName);
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$", cold.LogStreamName);
    }

    [Fact]
    public async Task A_new_process_logs_to_a_new_stream()
    {
        await using var function = new LocalFunction(BashRuntime.Options());
        var crashed = await function.InvokeAsync("\"crash\"");
        var next = await function.InvokeAsync("{}");

        Assert.NotNull(crashed.LogStreamName);
        Assert.NotEqual(crashed.LogStreamName, next.LogStreamName);
    }

    [Fact]
    public async Task The_JSON_log_format_has_platform_start_and_report_records()
    {
        var options = BashRuntime.Options(logFormat: "JSON");
        await using var function = new LocalFunction(options);
        var result = await function.InvokeAsync("\"crash\"");

        var events = LambdaLogEvents.Of(result, options);
        var start = JsonDocument.Parse(events[0].Message).RootElement;
        var report = JsonDocument.Parse(events[^1].Message).RootElement;
        Assert.Equal("platform.start", start.GetProperty("type").GetString());
        Assert.Equal(result.RequestId, start.GetProperty("record").GetProperty("requestId").GetString());
        Assert.Equal("platform.report", report.GetProperty("type").GetString());
        Assert.Equal("error", report.GetProperty("record").GetProperty("status").GetString());
        Assert.Equal(options.MemorySizeMb, report.GetProperty("record").GetProperty("metrics").GetProperty("memorySizeMB").GetInt32());
        Assert.DoesNotContain(events, e => e.Message.StartsWith("END ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_is_stamped_with_the_time_the_runtime_wrote_in_it()
    {
        var end = DateTimeOffset.Parse("2026-12-01T10:00:05Z", System.Globalization.CultureInfo.InvariantCulture);
        var result = new InvocationResult("id-1", "{}", null, false, null, TimeSpan.FromSeconds(5),
            ["2026-12-01T10:00:01.250Z\tid-1\tinfo\ttext format", """{"timestamp":"2026-12-01T10:00:02.500Z","level":"Information","message":"json format"}""", "raw stdout"])
        {
            EndTime = end,
        };

        var events = LambdaLogEvents.Of(result, BashRuntime.Options());

        Assert.Equal(end.AddSeconds(-5), events[0].Timestamp); // START: when the runtime took the event
        Assert.Equal(end.AddSeconds(-3.75), events[1].Timestamp);
        Assert.Equal(end.AddSeconds(-2.5), events[2].Timestamp);
        Assert.Equal(events[2].Timestamp, events[3].Timestamp); // no time of its own: keeps its place after the line before
        Assert.Equal(end, events[^1].Timestamp);
    }
}
