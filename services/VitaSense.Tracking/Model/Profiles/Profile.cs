namespace VitaSense.Tracking.Model.Profiles;

/// <summary>What the tracking service knows about a person to interpret their records (<c>tracking.profiles</c>).</summary>
/// <param name="UserId">The owner.</param>
/// <param name="BirthDate">For the age: heart rate maximum, age-typical sleep.</param>
/// <param name="Sex">female, male, other or unspecified.</param>
/// <param name="HeightCm">For BMI.</param>
/// <param name="RestingHeartRate">Measured resting heart rate, bpm.</param>
/// <param name="MaxHeartRate">Measured maximum heart rate, bpm.</param>
/// <param name="TimeZone">IANA time zone deciding the user's day; UTC by default.</param>
/// <param name="UpdatedAt">Last change; null while nothing was ever saved.</param>
public sealed record Profile(
    string UserId,
    DateOnly? BirthDate,
    string? Sex,
    double? HeightCm,
    double? RestingHeartRate,
    double? MaxHeartRate,
    string TimeZone,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>The zone of a profile that names none.</summary>
    public const string DefaultTimeZone = "UTC";

    /// <summary>The sexes a profile may state.</summary>
    public static readonly IReadOnlyList<string> Sexes = ["female", "male", "other", "unspecified"];

    /// <summary>The profile of a user who never saved one.</summary>
    public static Profile Empty(string userId) => new(userId, null, null, null, null, null, DefaultTimeZone, null);

    /// <summary>Age in whole years on <paramref name="today"/>, when the birth date is known.</summary>
    public int? AgeOn(DateOnly today)
    {
        if (BirthDate is not { } birth)
        {
            return null;
        }
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>The profile's time zone (UTC when the stored name is no longer known to this machine).</summary>
    public TimeZoneInfo Zone() => ProfileTimeZones.Find(TimeZone) ?? TimeZoneInfo.Utc;
}
