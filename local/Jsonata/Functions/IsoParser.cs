using System.Globalization;
using System.Text.RegularExpressions;

namespace Jsonata.Functions;

/// <summary>$toMillis without a picture: the reference's ISO 8601 check, then JavaScript's Date.parse (UTC).</summary>
internal static partial class IsoParser
{
    [GeneratedRegex(@"^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$")]
    private static partial Regex Iso8601();

    [GeneratedRegex(@"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?(Z|[+-]\d\d:?\d\d)?$")]
    private static partial Regex DateParse();

    /// <summary>Milliseconds, NaN when the shape passes the check but is not a date, null when it fails the check.</summary>
    public static double? Parse(string timestamp)
    {
        if (!Iso8601().IsMatch(timestamp)) return null;
        var m = DateParse().Match(timestamp);
        if (!m.Success) return double.NaN;
        int Part(int group, int fallback) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;
        var year = Part(1, 0);
        var month = Part(2, 1);
        var day = Part(3, 1);
        var hour = Part(4, 0);
        var minute = Part(5, 0);
        var second = Part(6, 0);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 24 || minute > 59 || second > 59)
            return double.NaN;
        if (m.Groups[3].Success && !m.Groups[4].Success && m.Groups[8].Success) return double.NaN;
        var millis = 0.0;
        if (m.Groups[7].Success)
        {
            var fraction = m.Groups[7].Value;
            millis = int.Parse((fraction + "00")[..3], CultureInfo.InvariantCulture);
        }
        if (hour == 24 && (minute != 0 || second != 0 || millis != 0)) return double.NaN;
        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        var result = (date - DateTime.UnixEpoch).TotalMilliseconds + hour * 3600000.0 + minute * 60000.0 + second * 1000.0 + millis;
        if (m.Groups[8].Success && m.Groups[8].Value != "Z")
        {
            var zone = m.Groups[8].Value.Replace(":", "", StringComparison.Ordinal);
            var sign = zone[0] == '-' ? -1 : 1;
            var offset = int.Parse(zone[1..3], CultureInfo.InvariantCulture) * 60 + int.Parse(zone[3..5], CultureInfo.InvariantCulture);
            result -= sign * offset * 60000.0;
        }
        return result;
    }
}
