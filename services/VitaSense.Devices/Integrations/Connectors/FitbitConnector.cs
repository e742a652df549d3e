using System.Globalization;
using System.Text.Json;

namespace VitaSense.Devices.Integrations.Connectors;

/// <summary>
/// Fitbit Web API. Heart rate: intraday time series (<c>GET /1/user/-/activities/heart/date/{date}/1d/1min.json</c>,
/// <c>activities-heart-intraday.dataset[]</c> of <c>{time, value}</c> in the user's local time, plus the day's
/// <c>restingHeartRate</c>). Sleep: v1.2 logs by date range (<c>GET /1.2/user/-/sleep/date/{start}/{end}.json</c>,
/// <c>sleep[].levels.data[]</c> of <c>{dateTime, level, seconds}</c>). Activity: the daily summary
/// (<c>GET /1/user/-/activities/date/{date}.json</c>: <c>summary.steps</c>, <c>summary.distances[activity=total]</c>
/// in km since no Accept-Language is sent, <c>summary.activityCalories</c>), complete days only because the day in
/// progress still changes. Fitbit times carry no offset: the profile's <c>offsetFromUTCMillis</c> places them.
/// <c>Fitbit-Rate-Limit-Remaining</c>/<c>-Reset</c> are honoured by the session.
/// </summary>
public sealed class FitbitConnector : VendorConnector
{
    /// <summary>Intraday heart rate and resting heart rate.</summary>
    public const string HeartRate = "heart_rate";

    /// <summary>Sleep logs with stages.</summary>
    public const string Sleep = "sleep";

    /// <summary>Daily activity summary.</summary>
    public const string Activity = "activity";

    /// <inheritdoc />
    public override string Type => "fitbit";

    /// <inheritdoc />
    public override string DisplayName => "Fitbit";

    /// <inheritdoc />
    public override IReadOnlyList<string> DataTypes { get; } = [HeartRate, Sleep, Activity];

    /// <inheritdoc />
    public override TokenRequestStyle TokenStyle => TokenRequestStyle.BasicAuthentication;

    /// <inheritdoc />
    public override (string Remaining, string Reset)? RateLimitHeaders => ("Fitbit-Rate-Limit-Remaining", "Fitbit-Rate-Limit-Reset");

    /// <inheritdoc />
    public override async Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken)
    {
        var offset = await UtcOffsetAsync(session, cancellationToken);
        var readings = new List<VendorReading>();
        var cursors = new Dictionary<string, SyncCursor>();
        foreach (var dataType in request.DataTypes)
        {
            var since = request.Since(dataType);
            var until = request.WindowEnd(dataType);
            switch (dataType)
            {
                case HeartRate:
                    await FetchHeartRateAsync(session, since, until, offset, readings, cancellationToken);
                    cursors[dataType] = new SyncCursor(until);
                    break;
                case Sleep:
                    await FetchSleepAsync(session, since, until, offset, readings, cancellationToken);
                    cursors[dataType] = new SyncCursor(until);
                    break;
                case Activity:
                    cursors[dataType] = new SyncCursor(await FetchActivityAsync(session, since, until, offset, readings, cancellationToken));
                    break;
            }
        }
        return new FetchResult(readings, cursors);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken)
    {
        using var document = await session.GetJsonAsync("/1/user/-/devices.json", cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw Payload("$", "expected an array of devices");
        }
        var devices = new List<VendorDevice>();
        var index = 0;
        foreach (var device in document.RootElement.EnumerateArray())
        {
            var path = $"$[{index++}]";
            var id = Json.String(device, "id", path);
            var version = Json.OptionalString(device, "deviceVersion") ?? "Fitbit";
            var type = (Json.OptionalString(device, "type") ?? "TRACKER").ToLowerInvariant();
            var lastSync = Json.OptionalString(device, "lastSyncTime");
            devices.Add(new VendorDevice(id, type == "scale" ? "smart_scale" : "fitness_tracker", $"Fitbit {version}", "Fitbit", version, null,
                (int?)Json.OptionalNumber(device, "batteryLevel", path),
                lastSync is not null && DateTime.TryParse(lastSync, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? new DateTimeOffset(at.ToUniversalTime()) : null,
                type == "scale" ? ["weight", "body_fat"] : ["heart_rate", "steps", "sleep", "calories", "distance"]));
        }
        return devices;
    }

    private async Task<TimeSpan> UtcOffsetAsync(VendorSession session, CancellationToken cancellationToken)
    {
        using var document = await session.GetJsonAsync("/1/user/-/profile.json", cancellationToken);
        var user = Json.Object(document.RootElement, "user", "$");
        var millis = Json.Number(user, "offsetFromUTCMillis", "$.user");
        return TimeSpan.FromMinutes(Math.Round(millis / 60_000));
    }

    private async Task FetchHeartRateAsync(VendorSession session, DateTimeOffset since, DateTimeOffset until, TimeSpan offset, List<VendorReading> readings,
        CancellationToken cancellationToken)
    {
        for (var day = DateOnly.FromDateTime(since.ToOffset(offset).DateTime); day <= DateOnly.FromDateTime(until.ToOffset(offset).DateTime); day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var document = await session.GetJsonAsync($"/1/user/-/activities/heart/date/{date}/1d/1min.json", cancellationToken);
            var root = document.RootElement;
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);

            var summaries = Json.Array(root, "activities-heart", "$");
            foreach (var summary in summaries)
            {
                var value = Json.Object(summary, "value", "$.activities-heart[]");
                if (Json.OptionalNumber(value, "restingHeartRate", "$.activities-heart[].value") is { } resting && midnight >= since && midnight < until)
                {
                    readings.Add(new VendorReading("resting_heart_rate", midnight, resting, Units.PerMinute));
                }
            }

            // Without intraday access (a personal app or the granted scope) Fitbit omits the dataset: that is not a day without data.
            var intraday = Json.Object(root, "activities-heart-intraday", "$");
            var index = 0;
            foreach (var point in Json.Array(intraday, "dataset", "$.activities-heart-intraday"))
            {
                var path = $"$.activities-heart-intraday.dataset[{index++}]";
                var time = Json.String(point, "time", path);
                if (!TimeOnly.TryParseExact(time, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
                {
                    throw Payload($"{path}.time", $"'{time}' is not HH:mm:ss");
                }
                var bpm = Json.Number(point, "value", path);
                var at = new DateTimeOffset(day.ToDateTime(clock), offset);
                if (at >= since && at < until)
                {
                    readings.Add(new VendorReading("heart_rate", at, bpm, Units.PerMinute));
                }
            }
        }
    }

    private async Task FetchSleepAsync(VendorSession session, DateTimeOffset since, DateTimeOffset until, TimeSpan offset, List<VendorReading> readings,
        CancellationToken cancellationToken)
    {
        var start = since.ToOffset(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = until.ToOffset(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var document = await session.GetJsonAsync($"/1.2/user/-/sleep/date/{start}/{end}.json", cancellationToken);
        var index = 0;
        foreach (var log in Json.Array(document.RootElement, "sleep", "$"))
        {
            var path = $"$.sleep[{index++}]";
            var startTime = Json.Local(log, "startTime", path, offset);
            var endTime = Json.Local(log, "endTime", path, offset);
            // A log belongs to the window it ended in, so a night is taken once, when complete.
            if (endTime < since || endTime >= until)
            {
                continue;
            }
            var asleep = Json.Number(log, "minutesAsleep", path);
            readings.Add(new VendorReading("sleep_analysis", startTime, Units.Round(asleep / 60), Units.Hours));
            var levels = Json.Object(log, "levels", path);
            var stageIndex = 0;
            foreach (var stage in Json.Array(levels, "data", $"{path}.levels"))
            {
                var stagePath = $"{path}.levels.data[{stageIndex++}]";
                var level = Json.String(stage, "level", stagePath);
                readings.Add(new VendorReading($"sleep_stage_{StageName(level)}", Json.Local(stage, "dateTime", stagePath, offset),
                    Units.Round(Json.Number(stage, "seconds", stagePath) / 60), Units.Minutes));
            }
        }
    }

    // Stages logs say deep/light/rem/wake; classic logs asleep/restless/awake.
    private static string StageName(string level) => level switch
    {
        "wake" or "awake" => "awake",
        "asleep" => "light",
        var other => other,
    };

    private async Task<DateTimeOffset> FetchActivityAsync(VendorSession session, DateTimeOffset since, DateTimeOffset until, TimeSpan offset, List<VendorReading> readings,
        CancellationToken cancellationToken)
    {
        var first = DateOnly.FromDateTime(since.ToOffset(offset).DateTime);
        var today = DateOnly.FromDateTime(until.ToOffset(offset).DateTime);
        var day = first;
        for (; day < today; day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var document = await session.GetJsonAsync($"/1/user/-/activities/date/{date}.json", cancellationToken);
            var summary = Json.Object(document.RootElement, "summary", "$");
            var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);
            readings.Add(new VendorReading("step_count", at, Json.Number(summary, "steps", "$.summary"), Units.Count));
            if (Json.OptionalNumber(summary, "activityCalories", "$.summary") is { } calories)
            {
                readings.Add(new VendorReading("active_energy", at, calories, Units.Kilocalories));
            }
            if (summary.TryGetProperty("distances", out var distances) && distances.ValueKind == JsonValueKind.Array)
            {
                foreach (var distance in distances.EnumerateArray())
                {
                    if (Json.OptionalString(distance, "activity") == "total")
                    {
                        readings.Add(new VendorReading("walking_running_distance", at, Json.Number(distance, "distance", "$.summary.distances[total]"), Units.Kilometres));
                    }
                }
            }
        }
        // The next sync starts with the first day not yet complete.
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);
    }
}
