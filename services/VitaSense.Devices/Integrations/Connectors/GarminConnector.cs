using System.Globalization;
using System.Text.Json;

namespace VitaSense.Devices.Integrations.Connectors;

/// <summary>
/// Garmin Health API, a push API: Garmin POSTs summaries to the endpoint configured in its developer portal,
/// here <c>POST /api/v1/integrations/garmin/webhook</c>, as <c>{"dailies": [...], "sleeps": [...], "activities": [...]}</c>,
/// each summary naming the Garmin <c>userId</c>. Times are <c>startTimeInSeconds</c> (Unix) with
/// <c>startTimeOffsetInSeconds</c> (the user's local offset). A sync of a Garmin device therefore fetches nothing;
/// the connection's Garmin user id comes from <c>GET /wellness-api/rest/user/id</c>.
/// </summary>
public sealed class GarminConnector : VendorConnector
{
    /// <summary>Daily summaries.</summary>
    public const string Dailies = "dailies";

    /// <summary>Sleep summaries.</summary>
    public const string Sleeps = "sleeps";

    /// <summary>Activity summaries.</summary>
    public const string Activities = "activities";

    /// <inheritdoc />
    public override string Type => "garmin";

    /// <inheritdoc />
    public override string DisplayName => "Garmin";

    /// <inheritdoc />
    public override IReadOnlyList<string> DataTypes { get; } = [Dailies, Sleeps, Activities];

    /// <inheritdoc />
    public override bool Pulls => false;

    /// <inheritdoc />
    public override async Task<string?> ResolveVendorUserIdAsync(VendorSession session, CancellationToken cancellationToken)
    {
        using var document = await session.GetJsonAsync("/wellness-api/rest/user/id", cancellationToken);
        return Json.String(document.RootElement, "userId", "$");
    }

    /// <inheritdoc />
    public override Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(FetchResult.Empty);

    /// <inheritdoc />
    public override Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken) =>
        // The Health API has no device list: the Garmin Connect account is the device data is pushed for.
        Task.FromResult<IReadOnlyList<VendorDevice>>([new VendorDevice(session.Credentials.VendorUserId ?? "garmin-connect", "smartwatch",
            "Garmin Connect", "Garmin", null, null, null, null, ["heart_rate", "steps", "sleep", "calories", "distance"])]);

    /// <summary>Maps a push body to readings per Garmin user id; a malformed summary fails the whole body.</summary>
    public IReadOnlyDictionary<string, List<VendorReading>> MapPush(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Payload("$", "expected an object of summary lists");
        }
        var byUser = new Dictionary<string, List<VendorReading>>(StringComparer.Ordinal);
        foreach (var kind in DataTypes)
        {
            if (!root.TryGetProperty(kind, out var list))
            {
                continue;
            }
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Payload($"$.{kind}", "expected an array");
            }
            var index = 0;
            foreach (var summary in list.EnumerateArray())
            {
                var path = $"$.{kind}[{index++}]";
                var userId = Json.String(summary, "userId", path);
                if (!byUser.TryGetValue(userId, out var readings))
                {
                    byUser[userId] = readings = [];
                }
                var start = Start(summary, path);
                switch (kind)
                {
                    case Dailies: MapDaily(summary, path, start, readings); break;
                    case Sleeps: MapSleep(summary, path, start, readings); break;
                    default: MapActivity(summary, path, start, readings); break;
                }
            }
        }
        return byUser;
    }

    private DateTimeOffset Start(JsonElement summary, string path)
    {
        var seconds = (long)Json.Number(summary, "startTimeInSeconds", path);
        var offset = Json.OptionalNumber(summary, "startTimeOffsetInSeconds", path) ?? 0;
        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(TimeSpan.FromMinutes(Math.Round(offset / 60)));
    }

    private void MapDaily(JsonElement daily, string path, DateTimeOffset start, List<VendorReading> readings)
    {
        readings.Add(new VendorReading("step_count", start, Json.Number(daily, "steps", path), Units.Count));
        if (Json.OptionalNumber(daily, "distanceInMeters", path) is { } metres)
        {
            readings.Add(new VendorReading("walking_running_distance", start, Units.Round(metres / 1000), Units.Kilometres));
        }
        if (Json.OptionalNumber(daily, "activeKilocalories", path) is { } kcal)
        {
            readings.Add(new VendorReading("active_energy", start, kcal, Units.Kilocalories));
        }
        if (Json.OptionalNumber(daily, "restingHeartRateInBeatsPerMinute", path) is { } resting)
        {
            readings.Add(new VendorReading("resting_heart_rate", start, resting, Units.PerMinute));
        }
        if (daily.TryGetProperty("timeOffsetHeartRateSamples", out var samples) && samples.ValueKind == JsonValueKind.Object)
        {
            foreach (var sample in samples.EnumerateObject())
            {
                if (!int.TryParse(sample.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var offsetSeconds) || sample.Value.ValueKind != JsonValueKind.Number)
                {
                    throw Payload($"{path}.timeOffsetHeartRateSamples.{sample.Name}", "expected seconds → beats per minute");
                }
                readings.Add(new VendorReading("heart_rate", start.AddSeconds(offsetSeconds), sample.Value.GetDouble(), Units.PerMinute));
            }
        }
    }

    private void MapSleep(JsonElement sleep, string path, DateTimeOffset start, List<VendorReading> readings)
    {
        var deep = Json.OptionalNumber(sleep, "deepSleepDurationInSeconds", path) ?? 0;
        var light = Json.OptionalNumber(sleep, "lightSleepDurationInSeconds", path) ?? 0;
        var rem = Json.OptionalNumber(sleep, "remSleepInSeconds", path) ?? 0;
        var awake = Json.OptionalNumber(sleep, "awakeDurationInSeconds", path) ?? 0;
        var asleep = deep + light + rem;
        if (asleep == 0)
        {
            asleep = Json.Number(sleep, "durationInSeconds", path) - awake;
        }
        readings.Add(new VendorReading("sleep_analysis", start, Units.Round(asleep / 3600), Units.Hours));
        readings.Add(new VendorReading("sleep_stage_deep", start, Units.Round(deep / 60), Units.Minutes));
        readings.Add(new VendorReading("sleep_stage_light", start, Units.Round(light / 60), Units.Minutes));
        readings.Add(new VendorReading("sleep_stage_rem", start, Units.Round(rem / 60), Units.Minutes));
        readings.Add(new VendorReading("sleep_stage_awake", start, Units.Round(awake / 60), Units.Minutes));
    }

    private void MapActivity(JsonElement activity, string path, DateTimeOffset start, List<VendorReading> readings)
    {
        if (Json.OptionalNumber(activity, "averageHeartRateInBeatsPerMinute", path) is { } average)
        {
            var heartRate = new Dictionary<string, double> { ["avg"] = average };
            if (Json.OptionalNumber(activity, "maxHeartRateInBeatsPerMinute", path) is { } max)
            {
                heartRate["max"] = max;
            }
            readings.Add(new VendorReading("heart_rate", start, heartRate, Units.PerMinute));
        }
        if (Json.OptionalNumber(activity, "activeKilocalories", path) is { } kcal)
        {
            readings.Add(new VendorReading("active_energy", start, kcal, Units.Kilocalories));
        }
        if (Json.OptionalNumber(activity, "distanceInMeters", path) is { } metres)
        {
            readings.Add(new VendorReading("workout_distance", start, Units.Round(metres / 1000), Units.Kilometres));
        }
        readings.Add(new VendorReading("workout_duration", start, Units.Round(Json.Number(activity, "durationInSeconds", path) / 60), Units.Minutes));
    }
}
