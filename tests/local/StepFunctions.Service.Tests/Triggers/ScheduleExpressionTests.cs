using StepFunctions.Service.Triggers;

namespace StepFunctions.Service.Tests.Triggers;

public sealed class ScheduleExpressionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 15, 30, TimeSpan.Zero); // a Monday

    private static IReadOnlyList<string> Next(string expression, string zone, DateTimeOffset after, int count = 3) =>
        [.. ScheduleExpression.Parse(expression, zone).Next(after, Start, count).Select(t => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm ddd", System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void A_daily_cron_fires_at_its_time_in_utc()
    {
        Assert.Equal(["2026-12-08 02:00 Tue", "2026-12-09 02:00 Wed", "2026-12-10 02:00 Thu"], Next("cron(0 2 * * ? *)", "UTC", Start));
    }

    [Fact]
    public void A_cron_fires_in_its_time_zone_across_a_daylight_saving_change()
    {
        // 06:30 in Paris is 05:30 UTC in winter and 04:30 UTC in summer (clocks went forward on 29 March 2026).
        var before = new DateTimeOffset(2026, 3, 26, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(["2026-03-27 05:30 Fri", "2026-03-30 04:30 Mon", "2026-03-31 04:30 Tue"], Next("cron(30 6 ? * MON-FRI *)", "Europe/Paris", before));
    }

    [Fact]
    public void Day_of_week_numbers_count_from_sunday_as_one()
    {
        // AWS: 2 = MON, 6 = FRI; 2-6 is Monday to Friday.
        Assert.Equal(["2026-12-11 09:00 Fri", "2026-12-14 09:00 Mon", "2026-12-15 09:00 Tue"], Next("cron(0 9 ? * 2-6 *)", "UTC", new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero)));
        // 6L: the last Friday of the month; 2#1: the first Monday.
        Assert.Equal(["2026-12-25 12:00 Fri", "2027-01-29 12:00 Fri"], Next("cron(0 12 ? * 6L *)", "UTC", Start, 2));
        Assert.Equal(["2027-01-04 08:00 Mon", "2027-02-01 08:00 Mon"], Next("cron(0 8 ? * 2#1 *)", "UTC", Start, 2));
    }

    [Fact]
    public void The_year_field_limits_the_occurrences()
    {
        Assert.Equal(["2027-01-01 00:00 Fri"], Next("cron(0 0 1 1 ? 2027)", "UTC", Start, 3));
        Assert.Empty(Next("cron(0 0 1 1 ? 2020-2025)", "UTC", Start, 3));
    }

    [Fact]
    public void A_rate_fires_every_period_from_the_start()
    {
        Assert.Equal(["2026-12-07 10:20 Mon", "2026-12-07 10:25 Mon", "2026-12-07 10:30 Mon"], Next("rate(5 minutes)", "UTC", Start));
        Assert.Equal(["2026-12-07 12:15 Mon"], Next("rate(1 hour)", "UTC", Start.AddMinutes(65), 1));
    }

    [Fact]
    public void At_fires_once_at_its_local_time()
    {
        Assert.Equal(["2026-12-24 17:00 Thu"], Next("at(2026-12-24T18:00:00)", "Europe/Paris", Start));
        Assert.Empty(Next("at(2026-12-01T18:00:00)", "UTC", Start));
    }

    [Theory]
    [InlineData("cron(0 2 * * *)", "UTC", "six: minutes hours day-of-month month day-of-week year")]
    [InlineData("cron(0 2 * * * *)", "UTC", "exactly one of day-of-month")]
    [InlineData("cron(0 2 ? * 8 *)", "UTC", "1-7 from Sunday")]
    [InlineData("cron(0 25 * * ? *)", "UTC", "not a valid cron expression")]
    [InlineData("cron(0 2 * * ? 99)", "UTC", "year field")]
    [InlineData("rate(1 minutes)", "UTC", "rate(1 minute)")]
    [InlineData("rate(5 weeks)", "UTC", "not a schedule expression")]
    [InlineData("every day", "UTC", "not a schedule expression")]
    [InlineData("rate(5 minutes)", "Mars/Olympus", "not a time zone")]
    public void A_mistake_is_named_with_its_fix(string expression, string zone, string problem)
    {
        var error = Assert.Throws<FormatException>(() => ScheduleExpression.Parse(expression, zone));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
