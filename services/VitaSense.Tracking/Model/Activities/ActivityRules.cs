using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Activities;

/// <summary>
/// Validates an activity body and completes its derived fields: duration from start and end (or end from start and
/// duration), pace from duration and distance, average heart rate from the samples. A derived field that is given must
/// agree with what it derives from; absurd values (a week-long session, a run faster than a car) are refused.
/// </summary>
public static class ActivityRules
{
    /// <summary>Longest session.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>How far a given duration may differ from end − start, in minutes.</summary>
    public const double DurationToleranceMinutes = 1;

    /// <summary>Fastest plausible speed of an activity on foot, km/h.</summary>
    public const double MaxFootSpeedKmh = 100;

    /// <summary>Fastest plausible speed of any activity, km/h.</summary>
    public const double MaxSpeedKmh = 1_000;

    /// <summary>Highest plausible cadence, steps per minute over the whole session.</summary>
    public const double MaxStepsPerMinute = 300;

    /// <summary>Highest plausible energy expenditure, kcal per hour over the whole session.</summary>
    public const double MaxKcalPerHour = 3_000;

    /// <summary>Lowest and highest plausible heart rate, bpm.</summary>
    public const double MinBpm = 20, MaxBpm = 250;

    // Derived and server-side members a PUT recomputes rather than keeps from the stored activity.
    private static readonly string[] NotCarriedOver = ["id", "source", "created_at", "updated_at", "duration_minutes", "pace_min_per_km", "average_heart_rate"];

    /// <summary>A new activity from a POST body, or null with every wrong field in <paramref name="errors"/>.</summary>
    public static Activity? Parse(JsonElement body, DateTimeOffset now, FieldErrors errors)
    {
        var f = new JsonFields(body, errors);
        var type = f.Text("activity_type", 50)?.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        if (type is null && !errors.Has("activity_type"))
        {
            errors.Add("activity_type", "activity_type is required.");
        }
        else if (type is not null && !type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            errors.Add("activity_type", "activity_type may only hold letters, digits, spaces, '-' and '_'.");
        }

        var start = f.Instant("start_time");
        if (start is null && !errors.Has("start_time"))
        {
            errors.Add("start_time", "start_time is required.");
        }
        else if (start > now.AddHours(1))
        {
            errors.Add("start_time", "start_time is in the future.");
        }
        var end = f.Instant("end_time");
        var givenDuration = f.Number("duration_minutes");
        if (givenDuration < 0)
        {
            errors.Add("duration_minutes", "duration_minutes must not be negative.");
            givenDuration = null;
        }
        if (end is null && givenDuration is null && !errors.Has("end_time") && !errors.Has("duration_minutes"))
        {
            errors.Add("end_time", "end_time (or duration_minutes) is required.");
        }
        double? duration = null;
        if (start is { } s && (end is not null || givenDuration is not null))
        {
            end ??= givenDuration is { } g && g <= MaxDuration.TotalMinutes ? s.AddMinutes(g) : null;
            if (end is { } e)
            {
                var span = (e - s).TotalMinutes;
                if (span < 0)
                {
                    errors.Add("end_time", "end_time is before start_time.");
                }
                else if (span > MaxDuration.TotalMinutes)
                {
                    errors.Add("duration_minutes", $"An activity lasts at most {MaxDuration.TotalDays:0} days.");
                }
                else if (givenDuration is { } given && Math.Abs(given - span) > DurationToleranceMinutes)
                {
                    errors.Add("duration_minutes", $"duration_minutes ({Format(given)}) does not match end_time − start_time ({Format(span)} minutes).");
                }
                else
                {
                    duration = givenDuration ?? Math.Round(span, 2);
                }
            }
            else
            {
                errors.Add("duration_minutes", $"An activity lasts at most {MaxDuration.TotalDays:0} days.");
            }
        }

        var distance = NonNegative(f, "distance_km", 5_000);
        var calories = NonNegative(f, "calories_burned", 50_000);
        var steps = f.Integer("steps");
        if (steps is < 0 or > 1_000_000)
        {
            errors.Add("steps", "steps must be between 0 and 1000000.");
            steps = null;
        }
        var elevation = NonNegative(f, "elevation_gain_m", 20_000);

        if (distance is > 0 && duration is > 0 && type is not null)
        {
            var speed = distance.Value / (duration.Value / 60);
            var limit = IsOnFoot(type) ? MaxFootSpeedKmh : MaxSpeedKmh;
            if (speed > limit)
            {
                errors.Add("distance_km", $"distance_km over duration_minutes is {Format(speed)} km/h, faster than the {Format(limit)} km/h possible for {type}.");
            }
        }

        if (duration is { } minutes && minutes > 0)
        {
            if (steps is { } st && st / minutes > MaxStepsPerMinute)
            {
                errors.Add("steps", $"steps over duration_minutes is {Format(st / minutes)} a minute, more than the {MaxStepsPerMinute} possible.");
            }
            if (calories is { } kcal && kcal / (minutes / 60) > MaxKcalPerHour)
            {
                errors.Add("calories_burned", $"calories_burned over duration_minutes is {Format(kcal / (minutes / 60))} kcal an hour, more than the {MaxKcalPerHour} possible.");
            }
        }

        var pace = f.Number("pace_min_per_km");
        if (pace is <= 0)
        {
            errors.Add("pace_min_per_km", "pace_min_per_km must be positive.");
        }
        else if (distance is > 0 && duration is { } d)
        {
            var computed = d / distance.Value;
            if (pace is { } p && Math.Abs(p - computed) > Math.Max(0.1, computed * 0.02))
            {
                errors.Add("pace_min_per_km", $"pace_min_per_km ({Format(p)}) does not match duration_minutes / distance_km ({Format(computed)}).");
            }
            pace ??= Math.Round(computed, 3);
        }

        var heartRate = f.Array("heart_rate_data");
        var givenAverage = f.Number("average_heart_rate", MinBpm, MaxBpm, "bpm");
        var average = heartRate is { } samples ? AverageBpm(samples, errors) : null;
        // Derived when the samples are there, kept as given when they are not; both must agree.
        if (average is { } derivedAverage && givenAverage is { } stated && Math.Abs(derivedAverage - stated) > 5)
        {
            errors.Add("average_heart_rate", $"average_heart_rate {stated} disagrees with the mean of heart_rate_data ({derivedAverage:0.#}).");
        }
        average ??= givenAverage;
        var route = f.Object("route");
        if (route is { } r)
        {
            CheckRoute(r, errors);
        }
        var weather = f.Object("weather");
        if (weather is { } w)
        {
            var wf = new JsonFields(w, errors, "weather.");
            wf.Number("temperature_c", -90, 60, "°C");
            wf.Number("humidity_percent", 0, 100, "%");
        }
        var notes = f.Text("notes", 4_000);
        var deviceId = f.Text("device_id", 100);

        if (errors.Any)
        {
            return null;
        }
        return new Activity
        {
            ActivityType = type!,
            StartTime = start!.Value,
            EndTime = end!.Value,
            DurationMinutes = duration!.Value,
            DistanceKm = distance,
            CaloriesBurned = calories,
            Steps = (int?)steps,
            ElevationGainM = elevation,
            PaceMinPerKm = pace,
            AverageHeartRate = average,
            // Detached from the request's document, which is disposed before the response is written.
            HeartRateData = heartRate?.Clone(),
            Route = route?.Clone(),
            Weather = weather?.Clone(),
            Notes = notes,
            DeviceId = deviceId,
        };
    }

    /// <summary>
    /// The stored activity changed by a PUT body: members the body names replace the stored ones (null clears), the
    /// derived fields are derived again, and the result is checked like a new activity.
    /// </summary>
    public static Activity? Merge(Activity current, JsonElement body, DateTimeOffset now, FieldErrors errors)
    {
        var merged = JsonSerializer.SerializeToNode(current)!.AsObject();
        foreach (var name in NotCarriedOver)
        {
            merged.Remove(name);
        }
        // A new duration without a new end moves the end; without this the stored end would contradict it.
        if (body.TryGetProperty("duration_minutes", out _) && !body.TryGetProperty("end_time", out _))
        {
            merged.Remove("end_time");
        }
        foreach (var property in body.EnumerateObject())
        {
            merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }
        using var document = JsonDocument.Parse(merged.ToJsonString());
        return Parse(document.RootElement, now, errors);
    }

    /// <summary>Whether the activity is done on foot (running, walking, hiking...), where speed is bounded by a human's.</summary>
    public static bool IsOnFoot(string activityType) =>
        activityType.Contains("run", StringComparison.Ordinal) || activityType.Contains("walk", StringComparison.Ordinal)
        || activityType.Contains("hik", StringComparison.Ordinal) || activityType.Contains("jog", StringComparison.Ordinal)
        || activityType is "trekking" or "orienteering" or "stair_climbing";

    private static double? NonNegative(JsonFields f, string name, double max)
    {
        var value = f.Number(name);
        if (value < 0)
        {
            f.Errors.Add(name, $"{name} must not be negative.");
            return null;
        }
        return f.InRange(name, value, 0, max);
    }

    private static double? AverageBpm(JsonElement samples, FieldErrors errors)
    {
        var sum = 0.0;
        var count = 0;
        var index = 0;
        foreach (var sample in samples.EnumerateArray())
        {
            var prefix = $"heart_rate_data[{index++}].";
            if (sample.ValueKind != JsonValueKind.Object)
            {
                errors.Add(prefix.TrimEnd('.'), "Each heart_rate_data entry must be an object {timestamp, bpm}.");
                continue;
            }
            var sf = new JsonFields(sample, errors, prefix);
            sf.Instant("timestamp");
            var bpm = sf.Number("bpm");
            if (bpm is null && !errors.Has(prefix + "bpm"))
            {
                errors.Add(prefix + "bpm", $"{prefix}bpm is required.");
            }
            if (sf.InRange("bpm", bpm, MinBpm, MaxBpm, "bpm") is { } valid)
            {
                sum += valid;
                count++;
            }
        }
        return count == 0 ? null : Math.Round(sum / count, 1);
    }

    private static void CheckRoute(JsonElement route, FieldErrors errors)
    {
        var rf = new JsonFields(route, errors, "route.");
        if (rf.Array("coordinates") is not { } coordinates)
        {
            return;
        }
        var index = 0;
        foreach (var point in coordinates.EnumerateArray())
        {
            var prefix = $"route.coordinates[{index++}].";
            if (point.ValueKind != JsonValueKind.Object)
            {
                errors.Add(prefix.TrimEnd('.'), "Each route coordinate must be an object {lat, lng}.");
                continue;
            }
            var pf = new JsonFields(point, errors, prefix);
            var lat = pf.Number("lat", -90, 90, "degrees");
            var lng = pf.Number("lng", -180, 180, "degrees");
            if ((lat is null && !errors.Has(prefix + "lat")) || (lng is null && !errors.Has(prefix + "lng")))
            {
                errors.Add(prefix.TrimEnd('.'), "Each route coordinate needs lat and lng.");
            }
        }
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
