using System.Text.Json;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Profiles;

/// <summary>
/// Applies a <c>PUT /api/v1/profile</c> body: the members it names change (null clears one), the others stay.
/// </summary>
public static class ProfileChanges
{
    /// <summary>The changed profile, or null with every wrong field in <paramref name="errors"/>.</summary>
    public static Profile? Apply(Profile current, JsonElement body, DateOnly today, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object.");
            return null;
        }
        var fields = new JsonFields(body, errors);
        var profile = current;

        if (fields.Has("birth_date"))
        {
            var birth = fields.Date("birth_date");
            if (birth is { } b && (b > today || b < today.AddYears(-130)))
            {
                errors.Add("birth_date", "birth_date must be in the past 130 years and not in the future.");
            }
            profile = profile with { BirthDate = birth };
        }
        if (fields.Has("sex"))
        {
            var sex = fields.Text("sex", 32)?.ToLowerInvariant();
            if (sex is not null && !Profile.Sexes.Contains(sex))
            {
                errors.Add("sex", $"sex must be one of {string.Join(", ", Profile.Sexes)}.");
            }
            profile = profile with { Sex = sex };
        }
        if (fields.Has("height_cm"))
        {
            profile = profile with { HeightCm = fields.Number("height_cm", 40, 275, "cm") };
        }
        if (fields.Has("resting_heart_rate"))
        {
            profile = profile with { RestingHeartRate = fields.Number("resting_heart_rate", 20, 250, "bpm") };
        }
        if (fields.Has("max_heart_rate"))
        {
            profile = profile with { MaxHeartRate = fields.Number("max_heart_rate", 20, 250, "bpm") };
        }
        if (fields.Has("time_zone"))
        {
            var zone = fields.Text("time_zone", 64);
            if (zone is not null && ProfileTimeZones.Find(zone) is null)
            {
                errors.Add("time_zone", $"time_zone '{zone}' is not an IANA time zone, such as Europe/Paris or America/New_York.");
            }
            profile = profile with { TimeZone = zone ?? Profile.DefaultTimeZone };
        }
        if (!errors.Any && profile is { RestingHeartRate: { } resting, MaxHeartRate: { } max } && max <= resting)
        {
            errors.Add("max_heart_rate", "max_heart_rate must be above resting_heart_rate.");
        }
        return errors.Any ? null : profile;
    }
}
