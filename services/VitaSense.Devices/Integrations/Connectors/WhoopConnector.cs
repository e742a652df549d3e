using System.Globalization;
using System.Text.Json;

namespace VitaSense.Devices.Integrations.Connectors;

/// <summary>
/// WHOOP API v2. Collections <c>GET /v2/recovery</c>, <c>/v2/activity/sleep</c>, <c>/v2/activity/workout</c> and
/// <c>/v2/cycle</c> with <c>start</c>, <c>end</c>, <c>limit</c> (at most 25) and <c>nextToken</c>, answering
/// <c>{records: [...], next_token}</c>. Only records with <c>score_state = SCORED</c> carry a <c>score</c>.
/// Recovery: resting heart rate, HRV (RMSSD, ms), SpO2 %, skin temperature °C, recovery score. Sleep: stage
/// durations in milliseconds, respiratory rate. Workout and cycle: strain, average and maximum heart rate,
/// energy in kilojoules (converted to kcal), distance in metres (converted to km).
/// </summary>
public sealed class WhoopConnector : VendorConnector
{
    /// <summary>Recoveries.</summary>
    public const string Recovery = "recovery";

    /// <summary>Sleeps.</summary>
    public const string Sleep = "sleep";

    /// <summary>Workouts.</summary>
    public const string Workout = "workout";

    /// <summary>Physiological cycles.</summary>
    public const string Cycle = "cycle";

    /// <inheritdoc />
    public override string Type => "whoop";

    /// <inheritdoc />
    public override string DisplayName => "WHOOP";

    /// <inheritdoc />
    public override IReadOnlyList<string> DataTypes { get; } = [Recovery, Sleep, Workout, Cycle];

    /// <inheritdoc />
    public override async Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken)
    {
        var readings = new List<VendorReading>();
        var cursors = new Dictionary<string, SyncCursor>();
        foreach (var dataType in request.DataTypes)
        {
            var since = request.Since(dataType);
            var until = request.WindowEnd(dataType);
            var path = dataType switch { Sleep => "/v2/activity/sleep", Workout => "/v2/activity/workout", Recovery => "/v2/recovery", _ => "/v2/cycle" };
            string? nextToken = null;
            var page = 0;
            do
            {
                var url = $"{path}?start={Iso(since)}&end={Iso(until)}&limit=25" + (nextToken is null ? "" : $"&nextToken={Uri.EscapeDataString(nextToken)}");
                using var document = await session.GetJsonAsync(url, cancellationToken);
                var index = 0;
                foreach (var record in Json.Array(document.RootElement, "records", $"page {page}"))
                {
                    var recordPath = $"page {page}.records[{index++}]";
                    if (Json.OptionalString(record, "score_state") != "SCORED")
                    {
                        continue;
                    }
                    var score = Json.Object(record, "score", recordPath);
                    switch (dataType)
                    {
                        case Recovery: MapRecovery(record, score, recordPath, readings); break;
                        case Sleep: MapSleep(record, score, recordPath, readings); break;
                        default: MapStrain(dataType, record, score, recordPath, readings); break;
                    }
                }
                nextToken = Json.OptionalString(document.RootElement, "next_token");
                page++;
            }
            while (nextToken is { Length: > 0 } && page < 1000);
            cursors[dataType] = new SyncCursor(until);
        }
        return new FetchResult(readings, cursors);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken)
    {
        // WHOOP's API has no device list: the member's strap is the one device of the account.
        using var document = await session.GetJsonAsync("/v2/user/profile/basic", cancellationToken);
        var userId = document.RootElement.TryGetProperty("user_id", out var id) ? id.ToString() : throw Payload("$.user_id", "missing");
        return [new VendorDevice($"whoop-{userId}", "fitness_tracker", "WHOOP strap", "WHOOP", null, null, null, null,
            ["heart_rate", "hrv", "sleep", "strain", "recovery"])];
    }

    private void MapRecovery(JsonElement record, JsonElement score, string path, List<VendorReading> readings)
    {
        var at = Json.Instant(record, "created_at", path);
        var scorePath = $"{path}.score";
        readings.Add(new VendorReading("resting_heart_rate", at, Json.Number(score, "resting_heart_rate", scorePath), Units.PerMinute));
        readings.Add(new VendorReading("heart_rate_variability_rmssd", at, Units.Round(Json.Number(score, "hrv_rmssd_milli", scorePath)), Units.Milliseconds));
        readings.Add(new VendorReading("recovery_score", at, Json.Number(score, "recovery_score", scorePath), Units.Percent));
        if (Json.OptionalNumber(score, "spo2_percentage", scorePath) is { } spo2)
        {
            readings.Add(new VendorReading("blood_oxygen_saturation", at, Units.Round(spo2), Units.Percent));
        }
        if (Json.OptionalNumber(score, "skin_temp_celsius", scorePath) is { } skin)
        {
            readings.Add(new VendorReading("skin_temperature", at, Units.Round(skin), Units.Celsius));
        }
    }

    private void MapSleep(JsonElement record, JsonElement score, string path, List<VendorReading> readings)
    {
        var start = Local(record, "start", path);
        var stages = Json.Object(score, "stage_summary", $"{path}.score");
        var stagePath = $"{path}.score.stage_summary";
        var light = Json.Number(stages, "total_light_sleep_time_milli", stagePath);
        var deep = Json.Number(stages, "total_slow_wave_sleep_time_milli", stagePath);
        var rem = Json.Number(stages, "total_rem_sleep_time_milli", stagePath);
        var awake = Json.Number(stages, "total_awake_time_milli", stagePath);
        readings.Add(new VendorReading("sleep_analysis", start, Units.Round((light + deep + rem) / 3_600_000), Units.Hours));
        readings.Add(new VendorReading("sleep_stage_light", start, Units.Round(light / 60_000), Units.Minutes));
        readings.Add(new VendorReading("sleep_stage_deep", start, Units.Round(deep / 60_000), Units.Minutes));
        readings.Add(new VendorReading("sleep_stage_rem", start, Units.Round(rem / 60_000), Units.Minutes));
        readings.Add(new VendorReading("sleep_stage_awake", start, Units.Round(awake / 60_000), Units.Minutes));
        if (Json.OptionalNumber(score, "respiratory_rate", $"{path}.score") is { } breath)
        {
            readings.Add(new VendorReading("respiratory_rate", start, Units.Round(breath), Units.PerMinute));
        }
    }

    private void MapStrain(string dataType, JsonElement record, JsonElement score, string path, List<VendorReading> readings)
    {
        var start = Local(record, "start", path);
        var scorePath = $"{path}.score";
        readings.Add(new VendorReading($"{dataType}_strain", start, Units.Round(Json.Number(score, "strain", scorePath)), Units.Score));
        var heartRate = new Dictionary<string, double> { ["avg"] = Json.Number(score, "average_heart_rate", scorePath) };
        if (Json.OptionalNumber(score, "max_heart_rate", scorePath) is { } max)
        {
            heartRate["max"] = max;
        }
        readings.Add(new VendorReading("heart_rate", start, heartRate, Units.PerMinute));
        if (Json.OptionalNumber(score, "kilojoule", scorePath) is { } kilojoules)
        {
            readings.Add(new VendorReading(dataType == Workout ? "active_energy" : "total_energy", start,
                Units.Round(Units.KilojoulesToKilocalories(kilojoules)), Units.Kilocalories));
        }
        if (dataType == Workout && Json.OptionalNumber(score, "distance_meter", scorePath) is { } metres)
        {
            readings.Add(new VendorReading("workout_distance", start, Units.Round(metres / 1000), Units.Kilometres));
        }
    }

    // WHOOP gives UTC times and the member's offset beside them: readings keep the local offset.
    private DateTimeOffset Local(JsonElement record, string name, string path)
    {
        var at = Json.Instant(record, name, path);
        var offset = Json.OptionalString(record, "timezone_offset");
        return offset is not null && TimeSpan.TryParseExact(offset.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var span)
            ? at.ToOffset(offset.StartsWith('-') ? -span : span)
            : at;
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
}
