namespace VitaSense.Tracking.Model.Goals;

/// <summary>
/// A goal's periods: the user's local day, ISO week (Monday to Sunday) or calendar month.
/// </summary>
public static class GoalFrequencies
{
    /// <summary>Every local day.</summary>
    public const string Daily = "daily";

    /// <summary>Every ISO week, Monday first.</summary>
    public const string Weekly = "weekly";

    /// <summary>Every calendar month.</summary>
    public const string Monthly = "monthly";

    /// <summary>The accepted values.</summary>
    public static readonly IReadOnlyList<string> All = [Daily, Weekly, Monthly];

    /// <summary>The first day of the period containing <paramref name="day"/>.</summary>
    public static DateOnly PeriodStart(string frequency, DateOnly day) => frequency switch
    {
        Weekly => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Monthly => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>The first day of the period after the one starting at <paramref name="start"/>.</summary>
    public static DateOnly Next(string frequency, DateOnly start) => frequency switch
    {
        Weekly => start.AddDays(7),
        Monthly => start.AddMonths(1),
        _ => start.AddDays(1),
    };

    /// <summary>The first day of the period before the one starting at <paramref name="start"/>.</summary>
    public static DateOnly Previous(string frequency, DateOnly start) => frequency switch
    {
        Weekly => start.AddDays(-7),
        Monthly => start.AddMonths(-1),
        _ => start.AddDays(-1),
    };
}
