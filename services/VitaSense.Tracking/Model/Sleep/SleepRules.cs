using System.Globalization;
using System.Text.Json;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.Sleep;

/// <summary>
/// Validates a <c>POST /api/v1/sleep</c> body: the duration comes from start and end when absent and may not exceed
/// them when given (it may be less: time asleep rather than in bed); the stages together cannot exceed the duration.
/// </summary>
public static class SleepRules
{
    /// <summary>Longest session.</summary>
    public static readonly TimeSpan MaxSession = TimeSpan.FromHours(24);

    /// <summary>Slack allowed between given hours and end − start (one minute).</summary>
    public const double ToleranceHours = 1.0 / 60;

    /// <summary>The stage members of <c>sleep_stages</c>.</summary>
    public static readonly IReadOnlyList<string> Stages = ["light_sleep_hours", "deep_sleep_hours", "rem_sleep_hours", "awake_hours"];

    /// <summary>The session, or null with every wrong field in <paramref name="errors"/>.</summary>
    public static SleepSession? Parse(JsonElement body, DateTimeOffset now, FieldErrors errors)
    {
        var f = new JsonFields(body, errors);
        var start = Required(f, "start_time");
        var end = Required(f, "end_time");
        if (start > now.AddHours(1))
        {
            errors.Add("start_time", "start_time is in the future.");
        }
        double? span = null;
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                errors.Add("end_time", "end_time must be after start_time.");
            }
            else if (e - s > MaxSession)
            {
                errors.Add("end_time", $"A sleep session lasts at most {MaxSession.TotalHours:0} hours.");
            }
            else
            {
                span = (e - s).TotalHours;
            }
        }
        var given = f.Number("duration_hours");
        if (given is <= 0)
        {
            errors.Add("duration_hours", "duration_hours must be positive.");
        }
        else if (given is { } g && span is { } sp && g > sp + ToleranceHours)
        {
            errors.Add("duration_hours", string.Create(CultureInfo.InvariantCulture,
                $"duration_hours ({g}) is longer than end_time − start_time ({Math.Round(sp, 2)} hours)."));
        }
        var duration = given ?? (span is { } computed ? Math.Round(computed, 3) : null);

        var stages = f.Object("sleep_stages");
        if (stages is { } st)
        {
            var sf = new JsonFields(st, errors, "sleep_stages.");
            var total = 0.0;
            var asleep = 0.0;
            foreach (var stage in Stages)
            {
                var hours = sf.Number(stage);
                if (hours < 0)
                {
                    errors.Add("sleep_stages." + stage, $"sleep_stages.{stage} must not be negative.");
                }
                else if (sf.InRange(stage, hours, 0, MaxSession.TotalHours, "hours") is { } h)
                {
                    total += h;
                    asleep += stage == "awake_hours" ? 0 : h;
                }
            }
            // Awake time lies within the session but outside the hours slept.
            if (span is { } b && total > b + ToleranceHours)
            {
                errors.Add("sleep_stages", string.Create(CultureInfo.InvariantCulture,
                    $"The stages add up to {Math.Round(total, 2)} hours, more than the session's {Math.Round(b, 2)}."));
            }
            else if (duration is { } d && asleep > d + ToleranceHours)
            {
                errors.Add("sleep_stages", string.Create(CultureInfo.InvariantCulture,
                    $"The sleep stages add up to {Math.Round(asleep, 2)} hours, more than duration_hours ({Math.Round(d, 2)})."));
            }
        }
        var score = f.Integer("sleep_score");
        if (score is < 0 or > 100)
        {
            errors.Add("sleep_score", "sleep_score must be between 0 and 100.");
        }
        var efficiency = f.Number("sleep_efficiency", 0, 100, "%");
        var deviceId = f.Text("device_id", 100);
        var notes = f.Text("notes", 2_000);
        return errors.Any ? null : new SleepSession
        {
            StartTime = start!.Value,
            EndTime = end!.Value,
            DurationHours = duration!.Value,
            SleepStages = stages?.Clone(),
            SleepScore = (int?)score,
            SleepEfficiency = efficiency,
            DeviceId = deviceId,
            Notes = notes,
        };
    }

    private static DateTimeOffset? Required(JsonFields f, string name)
    {
        var value = f.Instant(name);
        if (value is null && !f.Errors.Has(name))
        {
            f.Errors.Add(name, $"{name} is required.");
        }
        return value;
    }
}
