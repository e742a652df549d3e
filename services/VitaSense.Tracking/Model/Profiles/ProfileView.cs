using System.Text.Json.Serialization;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Model.Profiles;

/// <summary>The profile as the API shows it.</summary>
public sealed record ProfileView
{
    /// <summary>The owner.</summary>
    [JsonPropertyName("user_id")] public required string UserId { get; init; }

    /// <summary>Date of birth.</summary>
    [JsonPropertyName("birth_date")] public DateOnly? BirthDate { get; init; }

    /// <summary>Age today in the profile's time zone, from the birth date.</summary>
    [JsonPropertyName("age")] public int? Age { get; init; }

    /// <summary>female, male, other or unspecified.</summary>
    [JsonPropertyName("sex")] public string? Sex { get; init; }

    /// <summary>Height in centimetres.</summary>
    [JsonPropertyName("height_cm")] public double? HeightCm { get; init; }

    /// <summary>Resting heart rate, bpm.</summary>
    [JsonPropertyName("resting_heart_rate")] public double? RestingHeartRate { get; init; }

    /// <summary>Maximum heart rate, bpm.</summary>
    [JsonPropertyName("max_heart_rate")] public double? MaxHeartRate { get; init; }

    /// <summary>IANA time zone of the user's days.</summary>
    [JsonPropertyName("time_zone")] public required string TimeZone { get; init; }

    /// <summary>Last change; null while never saved.</summary>
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The view of <paramref name="profile"/> at <paramref name="now"/>.</summary>
    public static ProfileView From(Profile profile, DateTimeOffset now) => new()
    {
        UserId = profile.UserId,
        BirthDate = profile.BirthDate,
        Age = profile.AgeOn(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, profile.Zone()).DateTime)),
        Sex = profile.Sex,
        HeightCm = profile.HeightCm,
        RestingHeartRate = profile.RestingHeartRate,
        MaxHeartRate = profile.MaxHeartRate,
        TimeZone = profile.TimeZone,
        UpdatedAt = profile.UpdatedAt,
    };
}
