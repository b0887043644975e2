using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace StepFunctions.Service.Triggers;

/// <summary>
/// An EventBridge Scheduler expression and its occurrences in its time zone: <c>cron(minutes hours day-of-month
/// month day-of-week year)</c> (AWS's six fields: one of day-of-month and day-of-week is <c>?</c>, days of the week
/// are 1-7 = SUN-SAT or SUN-SAT names, <c>L</c>, <c>W</c> and <c>#</c> as AWS has them), <c>rate(N minutes|hours|days)</c>
/// (every N units from when the schedule starts) or <c>at(yyyy-mm-ddThh:mm:ss)</c> (once, in the time zone).
/// Cron fields are handed to Cronos after translating what differs: AWS's day-of-week numbers are one higher than
/// Cronos's, AWS's <c>?</c> is Cronos's <c>*</c>, and Cronos has no year field (filtered here).
/// </summary>
public sealed partial class ScheduleExpression
{
    private readonly CronExpression? cron;
    private readonly Func<int, bool> yearMatches = _ => true;
    private readonly TimeSpan? rate;
    private readonly DateTime? at;

    private ScheduleExpression(string text, TimeZoneInfo timeZone, CronExpression? cron, Func<int, bool>? years, TimeSpan? rate, DateTime? at)
    {
        Text = text;
        TimeZone = timeZone;
        this.cron = cron;
        yearMatches = years ?? yearMatches;
        this.rate = rate;
        this.at = at;
    }

    public string Text { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Reads an expression and its IANA time zone; a mistake is a <see cref="FormatException"/> naming it and the fix.</summary>
    public static ScheduleExpression Parse(string text, string timeZone)
    {
        var zone = Zone(timeZone);
        if (RatePattern().Match(text) is { Success: true } rateMatch)
        {
            var count = int.Parse(rateMatch.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = rateMatch.Groups[2].Value;
            if ((count == 1) != !unit.EndsWith('s'))
            {
                throw new FormatException($"'{text}': write rate(1 {unit.TrimEnd('s')}) for one unit and rate({Math.Max(count, 2)} {unit.TrimEnd('s')}s) for more, as Scheduler requires.");
            }
            var period = unit.TrimEnd('s') switch
            {
                "minute" => TimeSpan.FromMinutes(count),
                "hour" => TimeSpan.FromHours(count),
                _ => TimeSpan.FromDays(count),
            };
            return new ScheduleExpression(text, zone, null, null, period, null);
        }
        if (AtPattern().Match(text) is { Success: true } atMatch)
        {
            if (!DateTime.TryParseExact(atMatch.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                throw new FormatException($"'{text}' is not a date and time: write at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-24T18:00:00).");
            }
            return new ScheduleExpression(text, zone, null, null, null, DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        }
        if (CronPattern().Match(text) is { Success: true } cronMatch)
        {
            var fields = cronMatch.Groups[1].Value.Split(' ');
            if (fields.Length != 6)
            {
                throw new FormatException($"'{text}' has {fields.Length} fields; an AWS cron has six: minutes hours day-of-month month day-of-week year, e.g. cron(0 2 * * ? *).");
            }
            if ((fields[2] == "?") == (fields[4] == "?"))
            {
                throw new FormatException($"In '{text}' exactly one of day-of-month (3rd field) and day-of-week (5th field) must be '?', e.g. cron(0 2 * * ? *) or cron(0 2 ? * MON-FRI *).");
            }
            var cronos = string.Join(' ', fields[0], fields[1], fields[2] == "?" ? "*" : fields[2], fields[3], fields[4] == "?" ? "*" : DayOfWeek(fields[4], text));
            try
            {
                return new ScheduleExpression(text, zone, CronExpression.Parse(cronos, CronFormat.Standard), Years(fields[5], text), null, null);
            }
            catch (CronFormatException e)
            {
                throw new FormatException($"'{text}' is not a valid cron expression ({e.Message}); the six fields are minutes hours day-of-month month day-of-week year.", e);
            }
        }
        throw new FormatException($"'{text}' is not a schedule expression: use cron(minutes hours day-of-month month day-of-week year), rate(N minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss).");
    }

    /// <summary>The occurrences after <paramref name="after"/> (exclusive), earliest first, at most <paramref name="count"/>.
    /// A rate counts from <paramref name="start"/>, when the schedule began.</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, DateTimeOffset start, int count)
    {
        List<DateTimeOffset> times = [];
        if (rate is { } period)
        {
            var elapsed = Math.Max(0, Math.Floor((after - start) / period) + 1);
            for (var i = 0; i < count; i++)
            {
                times.Add(start + (period * (elapsed + i)));
            }
        }
        else if (at is { } once)
        {
            var when = new DateTimeOffset(once, TimeZone.GetUtcOffset(once));
            if (when > after && count > 0)
            {
                times.Add(when.ToUniversalTime());
            }
        }
        else
        {
            var from = after.UtcDateTime;
            // Bounded: a year field naming only past years has no occurrence at all.
            for (var guard = 0; times.Count < count && guard < 100_000; guard++)
            {
                if (cron!.GetNextOccurrence(from, TimeZone) is not { } next)
                {
                    break;
                }
                if (yearMatches(TimeZoneInfo.ConvertTimeFromUtc(next, TimeZone).Year))
                {
                    times.Add(new DateTimeOffset(next, TimeSpan.Zero));
                }
                from = next;
            }
        }
        return times;
    }

    private static TimeZoneInfo Zone(string name)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"'{name}' is not a time zone: use an IANA name such as UTC, Europe/Paris or America/New_York.", e);
        }
    }

    // AWS numbers the days 1-7 from Sunday, Cronos 0-6: shift each day number, but not the n of "#n" nor a step.
    private static string DayOfWeek(string field, string text) => string.Join(',', field.Split(',').Select(part =>
    {
        var step = part.IndexOf('/', StringComparison.Ordinal);
        var (range, suffix) = step < 0 ? (part, "") : (part[..step], part[step..]);
        return DayNumber().Replace(range, match =>
        {
            var day = int.Parse(match.Value, CultureInfo.InvariantCulture);
            return day is >= 1 and <= 7
                ? (day - 1).ToString(CultureInfo.InvariantCulture)
                : throw new FormatException($"In '{text}' day-of-week {day} is out of range: AWS numbers the days 1-7 from Sunday (or SUN-SAT).");
        }) + suffix;
    }));

    private static Func<int, bool>? Years(string field, string text)
    {
        if (field == "*")
        {
            return null;
        }
        List<(int From, int To)> ranges = [];
        foreach (var part in field.Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => int.TryParse(b, CultureInfo.InvariantCulture, out var y) && y is >= 1970 and <= 2199))
            {
                throw new FormatException($"In '{text}' the year field '{field}' must be *, a year (1970-2199), a range (2026-2030) or a list of those.");
            }
            var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            ranges.Add((from, bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : from));
        }
        return year => ranges.Any(r => year >= r.From && year <= r.To);
    }

    [GeneratedRegex(@"^rate\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^at\(([^()]+)\)$")]
    private static partial Regex AtPattern();

    [GeneratedRegex(@"^cron\(([^()]+)\)$")]
    private static partial Regex CronPattern();

    // A day number not preceded by '#' (the n of d#n stays as it is).
    [GeneratedRegex(@"(?<![#0-9])[0-9]+(?![0-9])")]
    private static partial Regex DayNumber();
}
