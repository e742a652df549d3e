namespace VitaSense.Tracking.Model.Analytics;

/// <summary>A range of the user's local days, both ends included.</summary>
/// <param name="Start">First day.</param>
/// <param name="End">Last day.</param>
public sealed record AnalyticsRange(DateOnly Start, DateOnly End)
{
    /// <summary>Days in the range.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>
    /// The range of <c>start_date</c>/<c>end_date</c>: by default the <paramref name="defaultDays"/> days up to the user's
    /// today; null (with the fields named in the reader's errors) when malformed, reversed or longer than <paramref name="maxDays"/>.
    /// </summary>
    public static AnalyticsRange? Read(QueryReader query, InsightsProfile profile, TimeProvider timeProvider, int defaultDays, int maxDays)
    {
        var start = query.Date("start_date", profile);
        var end = query.Date("end_date", profile);
        if (query.Errors.Any)
        {
            return null;
        }
        var lastDay = end ?? (start is { } from ? Min(from.AddDays(defaultDays - 1), profile.LocalDate(timeProvider.GetUtcNow())) : profile.LocalDate(timeProvider.GetUtcNow()));
        var firstDay = start ?? lastDay.AddDays(-(defaultDays - 1));
        if (firstDay > lastDay)
        {
            query.Errors.Add("start_date", "Must not be after end_date.");
            return null;
        }
        if (lastDay.DayNumber - firstDay.DayNumber + 1 > maxDays)
        {
            query.Errors.Add("end_date", $"The range must not exceed {maxDays} days.");
            return null;
        }
        return new AnalyticsRange(firstDay, lastDay);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
