using VitaSense.Tracking.Model.Profiles;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>A user's profile as the insights use it: where their day begins and ends, and their age.</summary>
/// <param name="Profile">The stored profile.</param>
/// <param name="TimeZoneId">IANA time zone deciding the user's local days, known to both .NET and PostgreSQL (UTC for a zone this machine does not know).</param>
/// <param name="TimeZone">The zone itself.</param>
public sealed record InsightsProfile(Profile Profile, string TimeZoneId, TimeZoneInfo TimeZone)
{
    /// <summary>The profile of a user who has none.</summary>
    public static readonly InsightsProfile Default = From(Profile.Empty(""));

    /// <summary>The insights' view of <paramref name="profile"/>.</summary>
    public static InsightsProfile From(Profile profile) =>
        // A zone .NET does not know would split days one way in SQL and another in code: both fall back to UTC.
        ProfileTimeZones.Find(profile.TimeZone) is { } zone
            ? new InsightsProfile(profile, profile.TimeZone, zone)
            : new InsightsProfile(profile, Profile.DefaultTimeZone, TimeZoneInfo.Utc);

    /// <summary>The user's local date at <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The user's age in whole years on <paramref name="day"/>; null without a birth date.</summary>
    public int? AgeOn(DateOnly day) => Profile.AgeOn(day);
}
