using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lambdas.Runtime;

/// <summary>
/// Formats one log record as one line, in Lambda's text or JSON layout:
/// text <c>2024-01-31T12:00:00.000Z&lt;TAB&gt;requestId&lt;TAB&gt;info&lt;TAB&gt;message</c>;
/// JSON <c>{"timestamp","level","requestId","traceId","message"[,"errorType","errorMessage","stackTrace"]}</c>.
/// </summary>
public static class LogFormatter
{
    public static byte[] Format(LogFormat format, DateTimeOffset timestamp, LogLevel level, string? requestId, string? traceId,
        string message, ErrorReport? error) =>
        format == LogFormat.Json
            ? FormatJson(timestamp, level, requestId, traceId, message, error)
            : FormatText(timestamp, level, requestId, message, error);

    /// <summary>Short level names used in text logs (RuntimeSupport's: info, warn, fail, ...).</summary>
    public static string TextLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private static string Timestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] FormatText(DateTimeOffset timestamp, LogLevel level, string? requestId, string message, ErrorReport? error)
    {
        var text = new StringBuilder(64 + message.Length)
            .Append(Timestamp(timestamp)).Append('\t')
            .Append(requestId).Append('\t')
            .Append(TextLevel(level)).Append('\t')
            .Append(message);
        if (error is not null)
        {
            text.Append('\n').Append(error.ErrorType).Append(": ").Append(error.ErrorMessage);
            foreach (var line in error.StackTrace)
            {
                text.Append('\n').Append("   ").Append(line);
            }
        }
        // One record per line: like Lambda's Node runtime, keep a multi-line message in one record by turning
        // newlines into carriage returns, which CloudWatch shows as line breaks inside the event.
        text.Replace("\r\n", "\r").Replace('\n', '\r').Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] FormatJson(DateTimeOffset timestamp, LogLevel level, string? requestId, string? traceId, string message,
        ErrorReport? error)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer, ErrorReport.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", Timestamp(timestamp));
            writer.WriteString("level", level.ToString());
            if (!string.IsNullOrEmpty(requestId))
            {
                writer.WriteString("requestId", requestId);
            }
            if (!string.IsNullOrEmpty(traceId))
            {
                writer.WriteString("traceId", traceId);
            }
            writer.WriteString("message", message);
            if (error is not null)
            {
                writer.WriteString("errorType", error.ErrorType);
                writer.WriteString("errorMessage", error.ErrorMessage);
                writer.WriteStartArray("stackTrace");
                foreach (var line in error.StackTrace)
                {
                    writer.WriteStringValue(line);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
