using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aws.Local;

namespace Lambda.Local;

/// <summary>
/// What Lambda delivers to the function's log stream for one invocation: the platform's <c>START</c> line, the
/// function's own lines, then <c>END</c> and <c>REPORT</c> (in the JSON log format, <c>platform.start</c> and
/// <c>platform.report</c> records), in time order. Every platform line names the request id, which is how a
/// reader finds one invocation among the others with a filter pattern.
/// </summary>
public static class LambdaLogEvents
{
    public static IReadOnlyList<LogEvent> Of(InvocationResult result, LocalFunctionOptions options)
    {
        // CloudWatch keeps milliseconds, and so do the runtimes' own timestamps: compare at that precision, so a
        // line written in START's millisecond stays after it.
        var end = WholeMs(result.EndTime);
        var start = WholeMs(result.EndTime - result.Duration);
        var json = string.Equals(options.LogFormat, "JSON", StringComparison.OrdinalIgnoreCase);
        var events = new List<LogEvent> { new(start, json ? JsonStart(result, options, start) : $"START RequestId: {result.RequestId} Version: {options.FunctionVersion}") };

        // A line without a timestamp of its own (raw stdout) is stamped like the one before it, keeping its place.
        var previous = start;
        foreach (var line in result.Logs)
        {
            previous = TimestampOf(line) is { } written ? (written < end ? written : end) : previous;
            events.Add(new LogEvent(previous, line));
        }
        if (!json)
        {
            events.Add(new LogEvent(end, $"END RequestId: {result.RequestId}"));
        }
        events.Add(new LogEvent(end, json ? JsonReport(result, options, end) : TextReport(result, options)));
        return [.. events.OrderBy(e => e.Timestamp)]; // stable: equal timestamps keep the order above
    }

    // Lambda's REPORT also names "Max Memory Used"; a local process's peak is not measured, so the field is left out.
    private static string TextReport(InvocationResult result, LocalFunctionOptions options)
    {
        var report = $"REPORT RequestId: {result.RequestId}\tDuration: {Ms(result.Duration)} ms\tBilled Duration: {BilledMs(result)} ms\t" +
            $"Memory Size: {options.MemorySizeMb} MB\t";
        return result.InitDuration is { } init ? $"{report}Init Duration: {Ms(init)} ms\t" : report;
    }

    private static string JsonStart(InvocationResult result, LocalFunctionOptions options, DateTimeOffset time) =>
        new JsonObject
        {
            ["time"] = Iso(time),
            ["type"] = "platform.start",
            ["record"] = new JsonObject { ["requestId"] = result.RequestId, ["version"] = options.FunctionVersion },
        }.ToJsonString();

    private static string JsonReport(InvocationResult result, LocalFunctionOptions options, DateTimeOffset time)
    {
        var metrics = new JsonObject
        {
            ["durationMs"] = Math.Round(result.Duration.TotalMilliseconds, 3),
            ["billedDurationMs"] = BilledMs(result),
            ["memorySizeMB"] = options.MemorySizeMb,
        };
        if (result.InitDuration is { } init)
        {
            metrics["initDurationMs"] = Math.Round(init.TotalMilliseconds, 3);
        }
        return new JsonObject
        {
            ["time"] = Iso(time),
            ["type"] = "platform.report",
            ["record"] = new JsonObject
            {
                ["requestId"] = result.RequestId,
                ["metrics"] = metrics,
                ["status"] = result.Error switch { null => "success", { ErrorType: "Sandbox.Timedout" } => "timeout", _ => "error" },
            },
        }.ToJsonString();
    }

    private static long BilledMs(InvocationResult result) => (long)result.BilledDuration.TotalMilliseconds;

    private static DateTimeOffset WholeMs(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static string Ms(TimeSpan duration) => duration.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The time a runtime wrote into the line: the text format's first field, or the JSON format's
    /// <c>timestamp</c>; null for anything else.</summary>
    private static DateTimeOffset? TimestampOf(string line)
    {
        string? text = null;
        if (line.StartsWith('{'))
        {
            try
            {
                text = (JsonNode.Parse(line) as JsonObject)?["timestamp"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        else if (line.IndexOf('\t') is > 0 and var tab)
        {
            text = line[..tab];
        }
        return text is not null && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
    }
}
