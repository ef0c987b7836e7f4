using System.Globalization;
using Labs.Cluster.Registry.Batch;

namespace Labs.Cluster.Registry;

/// <summary>The times a CronJob schedule names, as robfig/cron's standard parser reads them.</summary>
public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static List<string> Times(string schedule, string after, int count, TimeZoneInfo? zone = null)
    {
        Assert.Null(CronSchedule.Parse(schedule, out var parsed));
        var times = new List<string>();
        DateTimeOffset? t = At(after);
        for (var i = 0; i < count && t is { } now; i++)
        {
            t = parsed!.Next(now, zone ?? Utc);
            times.Add(t?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "none");
        }

        return times;
    }

    [Fact]
    public void Every_minute_names_each_following_minute_strictly_after_the_given_time()
    {
        Assert.Equal(["2026-12-03T14:01:00+00:00", "2026-12-03T14:02:00+00:00"], Times("* * * * *", "2026-12-03T14:00:00Z", 2));
        Assert.Equal(["2026-12-03T14:01:00+00:00"], Times("* * * * *", "2026-12-03T14:00:59Z", 1));
    }

    [Fact]
    public void Steps_ranges_lists_and_names_select_their_values()
    {
        Assert.Equal(["2026-12-03T14:15:00+00:00", "2026-12-03T14:30:00+00:00", "2026-12-03T14:45:00+00:00", "2026-12-03T15:00:00+00:00"],
            Times("*/15 * * * *", "2026-12-03T14:00:00Z", 4));
        Assert.Equal(["2026-12-04T09:30:00+00:00", "2026-12-07T09:30:00+00:00"], Times("30 9 * * MON-FRI", "2026-12-03T10:00:00Z", 2));
        Assert.Equal(["2027-01-01T00:00:00+00:00"], Times("@yearly", "2026-12-03T10:00:00Z", 1));
        Assert.Equal(["2026-12-03T11:00:00+00:00"], Times("@hourly", "2026-12-03T10:00:00Z", 1));
        Assert.Equal(["2026-12-03T10:05:00+00:00", "2026-12-03T10:20:00+00:00"], Times("5,20 10 * * *", "2026-12-03T10:00:00Z", 2));
    }

    [Fact]
    public void A_restricted_day_of_month_and_day_of_week_match_either_as_cron_does()
    {
        // The 1st of the month or any Sunday (2026-12-06 is a Sunday).
        Assert.Equal(["2026-12-06T00:00:00+00:00", "2026-12-13T00:00:00+00:00"], Times("0 0 1 * sun", "2026-12-03T00:00:00Z", 2));
        Assert.Equal(["2027-01-01T00:00:00+00:00"], Times("0 0 1 * sun", "2026-12-27T01:00:00Z", 1));

        // Friday the 4th and 11th, then Sunday the 13th: either field matches.
        Assert.Equal(["2026-12-04T00:00:00+00:00", "2026-12-11T00:00:00+00:00", "2026-12-13T00:00:00+00:00"],
            Times("0 0 13 * fri", "2026-12-03T00:00:00Z", 3));

        // With a star in one of them only the other decides.
        Assert.Equal(["2026-12-13T00:00:00+00:00"], Times("0 0 13 * *", "2026-12-03T00:00:00Z", 1));
    }

    [Fact]
    public void A_date_that_never_comes_has_no_next_time()
    {
        Assert.Equal(["none"], Times("0 0 30 2 *", "2026-12-03T00:00:00Z", 1));
    }

    [Fact]
    public void A_time_zone_reads_the_schedule_on_its_wall_clock_and_skips_the_hour_daylight_saving_skips()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(["2026-12-04T09:00:00+01:00"], Times("0 9 * * *", "2026-12-03T09:00:00Z", 1, berlin));

        // On 2027-03-28 Berlin's clocks jump from 02:00 to 03:00: 02:30 does not happen that day.
        Assert.Equal(["2027-03-27T02:30:00+01:00", "2027-03-29T02:30:00+02:00"], Times("30 2 * * *", "2027-03-27T00:00:00Z", 2, berlin));
    }

    [Fact]
    public void Every_adds_its_duration_in_whole_seconds()
    {
        Assert.Equal(["2026-12-03T14:01:30+00:00"], Times("@every 90s", "2026-12-03T14:00:00Z", 1));
        Assert.Equal(["2026-12-03T14:00:01+00:00"], Times("@every 10ms", "2026-12-03T14:00:00Z", 1));
    }
}
