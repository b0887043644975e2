using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lambdas.Runtime;

/// <summary>
/// An error as Lambda reports it: <c>{"errorMessage","errorType","stackTrace"[,"cause"]}</c>. errorType is the
/// exception's short type name, as RuntimeSupport does, so Step Functions can match it in ErrorEquals.
/// </summary>
public sealed record ErrorReport(string ErrorType, string ErrorMessage, IReadOnlyList<string> StackTrace, ErrorReport? Cause = null)
{
    /// <summary>Lambda's name for a response over the 6 MB synchronous limit.</summary>
    public const string ResponseSizeTooLarge = "Function.ResponseSizeTooLarge";

    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ErrorReport From(Exception exception)
    {
        exception = Unwrap(exception);
        var cause = exception.InnerException is { } inner ? From(inner) : null;
        return new ErrorReport(exception.GetType().Name, exception.Message, StackLines(exception), cause);
    }

    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("errorMessage", ErrorMessage);
        writer.WriteString("errorType", ErrorType);
        writer.WriteStartArray("stackTrace");
        foreach (var line in StackTrace)
        {
            writer.WriteStringValue(line);
        }
        writer.WriteEndArray();
        if (Cause is not null)
        {
            writer.WritePropertyName("cause");
            Cause.Write(writer);
        }
        writer.WriteEndObject();
    }

    // Task and reflection wrappers say nothing useful: report what the handler actually threw.
    private static Exception Unwrap(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => exception,
    };

    private static string[] StackLines(Exception exception) =>
        exception.StackTrace is { } trace
            ? trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
