using System.Globalization;
using Jsonata.Evaluation;

namespace Jsonata.Functions;

/// <summary>$now, $millis, $fromMillis, $toMillis: ISO 8601 by default, XPath picture strings otherwise.</summary>
internal static class DateTimeFunctions
{
    public static object? Now(Evaluator ev, object?[] a, object? input) =>
        FromMillis(ev, [(double)ev.Timestamp.ToUnixTimeMilliseconds(), Library.Arg(a, 0), Library.Arg(a, 1)], input);

    public static object? FromMillis(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not double millis) return null;
        var picture = Library.Arg(a, 1) as string;
        var timezone = Library.Arg(a, 2) as string;
        if (picture == null && timezone == null) return IsoString(millis);
        return DateTimePicture.Format(millis, picture, timezone);
    }

    /// <summary>JavaScript's Date.prototype.toISOString.</summary>
    public static string IsoString(double millis)
    {
        if (!double.IsFinite(millis) || Math.Abs(millis) > 8.64e15)
            throw new FunctionException("D3110", "Invalid time value");
        var instant = DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Floor(millis));
        var year = instant.Year;
        var yearText = year is >= 0 and <= 9999 ? year.ToString("D4", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString("D6", CultureInfo.InvariantCulture);
        return yearText + instant.ToString("-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    public static object? ToMillis(Evaluator ev, object?[] a, object? input)
    {
        if (a[0] is not string timestamp) return null;
        if (Library.Arg(a, 1) is string picture) return DateTimePicture.Parse(timestamp, picture, ev.Timestamp);
        return IsoParser.Parse(timestamp)
            ?? throw new FunctionException("D3110", $"The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given {Operators.Describe(timestamp)}");
    }
}
