using System.Text.Json;
using VitaSense.Tracking.Model.Records;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Tracking.Model.HeartRate;

/// <summary>Validates a <c>POST /api/v1/heart-rate</c> body.</summary>
public static class HeartRateRules
{
    /// <summary>Lowest and highest plausible heart rate, bpm.</summary>
    public const double MinBpm = 20, MaxBpm = 250;

    /// <summary>Highest plausible heart-rate variability, ms.</summary>
    public const double MaxHrvMs = 500;

    /// <summary>The sample, or null with every wrong field in <paramref name="errors"/>.</summary>
    public static HeartRateSample? Parse(JsonElement body, DateTimeOffset now, FieldErrors errors)
    {
        var f = new JsonFields(body, errors);
        var timestamp = f.Instant("timestamp");
        if (timestamp is null && !errors.Has("timestamp"))
        {
            errors.Add("timestamp", "timestamp is required.");
        }
        else if (timestamp > now.AddHours(1))
        {
            errors.Add("timestamp", "timestamp is in the future.");
        }
        var bpm = f.Number("bpm", MinBpm, MaxBpm, "bpm");
        if (bpm is null && !errors.Has("bpm"))
        {
            errors.Add("bpm", "bpm is required.");
        }
        var hrv = f.Number("hrv_ms");
        if (hrv is { } h && (h <= 0 || h > MaxHrvMs))
        {
            errors.Add("hrv_ms", $"hrv_ms must be above 0 and at most {MaxHrvMs} ms.");
        }
        var context = f.Text("context", 50)?.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        var deviceId = f.Text("device_id", 100);
        return errors.Any ? null : new HeartRateSample
        {
            Timestamp = timestamp!.Value,
            Bpm = bpm!.Value,
            HrvMs = hrv,
            Context = context,
            DeviceId = deviceId,
        };
    }
}
