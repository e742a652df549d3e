using System.Globalization;
using System.Text.Json;

namespace VitaSense.Devices.Integrations.Connectors;

/// <summary>
/// Withings Public API. Measures: <c>POST /measure</c> with <c>action=getmeas</c> (<c>startdate</c>/<c>enddate</c> in
/// Unix seconds, <c>category=1</c> real measures, paging with <c>more</c>/<c>offset</c>); the answer is
/// <c>{status, body: {measuregrps: [{date, deviceid, measures: [{value, type, unit}]}]}}</c> where a value is
/// <c>value × 10^unit</c> and the type code says what it is (1 weight kg, 4 height m, 5 fat-free mass, 6 fat ratio %,
/// 8 fat mass, 9/10 diastolic/systolic mmHg, 11 heart pulse bpm, 12 and 71 temperature °C, 54 SpO2 %, 73 skin
/// temperature, 76 muscle, 77 hydration, 88 bone mass, 91 pulse wave velocity). Withings answers HTTP 200 with a
/// non-zero <c>status</c> on errors: 401 means an invalid token (refreshed like an HTTP 401), 601 too many requests.
/// The token endpoint wants <c>action=requesttoken</c> and wraps its answer the same way.
/// Activity: <c>POST /v2/measure</c> with <c>action=getactivity</c> (<c>startdateymd</c>/<c>enddateymd</c>), a day per
/// entry in the user's time zone (steps, distance in m, active calories), complete days only, for the device that
/// tracked it. Sleep: <c>POST /v2/sleep</c> with <c>action=getsummary</c>, nights with <c>startdate</c>/<c>enddate</c>
/// (Unix) and stage durations in seconds; a night names no device, so it goes to the account's sleep monitor only (not also to a
/// tracker, which would store the same night twice).
/// </summary>
public sealed class WithingsConnector : VendorConnector
{
    /// <summary>Body, blood-pressure and vital measures.</summary>
    public const string Measures = "measures";

    /// <summary>Daily activity.</summary>
    public const string Activity = "activity";

    /// <summary>Sleep summaries.</summary>
    public const string Sleep = "sleep";

    private const string MeasureTypes = "1,4,5,6,8,9,10,11,12,54,71,73,76,77,88,91";

    /// <inheritdoc />
    public override string Type => "withings";

    /// <inheritdoc />
    public override string DisplayName => "Withings";

    /// <inheritdoc />
    public override IReadOnlyList<string> DataTypes { get; } = [Measures, Activity, Sleep];

    /// <inheritdoc />
    public override void AddTokenParameters(IDictionary<string, string> form) => form["action"] = "requesttoken";

    /// <inheritdoc />
    public override JsonElement ReadTokenResponse(JsonElement root)
    {
        if (BodyStatus(root) is { } status)
        {
            // An in-body status (Withings answers 503 for invalid parameters) is not an HTTP status: a refusal all the same.
            throw new VendorException(DisplayName, VendorErrorKind.Refused, $"Withings refused the token request (status {WithingsStatus(root)}).");
        }
        return Json.Object(root, "body", "$");
    }

    /// <inheritdoc />
    public override int? BodyStatus(JsonElement root) => WithingsStatus(root) switch
    {
        0 => null,
        401 => 401,
        601 => 429,
        >= 500 and < 600 => 503,
        null => throw Payload("$.status", "missing"),
        _ => 400,
    };

    /// <inheritdoc />
    public override async Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken)
    {
        var readings = new List<VendorReading>();
        var cursors = new Dictionary<string, SyncCursor>();
        foreach (var dataType in request.DataTypes)
        {
            switch (dataType)
            {
                case Measures:
                    cursors[dataType] = new SyncCursor(await FetchMeasuresAsync(session, request, readings, cancellationToken));
                    break;
                case Activity:
                    cursors[dataType] = new SyncCursor(await FetchActivityAsync(session, request, readings, cancellationToken));
                    break;
                case Sleep when request.DeviceType is "sleep_monitor" || request.VendorDeviceId is null:
                    cursors[dataType] = new SyncCursor(await FetchSleepAsync(session, request, readings, cancellationToken));
                    break;
            }
        }
        return new FetchResult(readings, cursors);
    }

    private async Task<DateTimeOffset> FetchMeasuresAsync(VendorSession session, FetchRequest request, List<VendorReading> readings, CancellationToken cancellationToken)
    {
        var since = request.Since(Measures);
        var until = request.WindowEnd(Measures);
        await foreach (var (body, path) in PagesAsync(session, "/measure", new Dictionary<string, string>
        {
            ["action"] = "getmeas",
            ["meastypes"] = MeasureTypes,
            ["category"] = "1",
            ["startdate"] = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["enddate"] = until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }, cancellationToken))
        {
            var index = 0;
            foreach (var group in Json.Array(body, "measuregrps", path))
            {
                MapGroup(group, $"{path}.measuregrps[{index++}]", request.VendorDeviceId, since, until, readings);
            }
        }
        return until;
    }

    private async Task<DateTimeOffset> FetchActivityAsync(VendorSession session, FetchRequest request, List<VendorReading> readings, CancellationToken cancellationToken)
    {
        var since = request.Since(Activity);
        var today = DateOnly.FromDateTime(request.WindowEnd(Activity).UtcDateTime);
        var first = DateOnly.FromDateTime(since.UtcDateTime);
        if (first < today)
        {
            await foreach (var (body, path) in PagesAsync(session, "/v2/measure", new Dictionary<string, string>
            {
                ["action"] = "getactivity",
                ["startdateymd"] = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["enddateymd"] = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["data_fields"] = "steps,distance,calories,totalcalories",
            }, cancellationToken))
            {
                var index = 0;
                foreach (var day in Json.Array(body, "activities", path))
                {
                    var dayPath = $"{path}.activities[{index++}]";
                    var deviceId = Json.OptionalString(day, "deviceid");
                    if (request.VendorDeviceId is not null && deviceId != request.VendorDeviceId)
                    {
                        continue;
                    }
                    var date = Json.String(day, "date", dayPath);
                    if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        throw Payload($"{dayPath}.date", $"'{date}' is not yyyy-MM-dd");
                    }
                    if (parsed < first || parsed >= today)
                    {
                        continue;
                    }
                    var midnight = parsed.ToDateTime(TimeOnly.MinValue);
                    var at = new DateTimeOffset(midnight, Offset(Json.OptionalString(day, "timezone"), midnight));
                    readings.Add(new VendorReading("step_count", at, Json.Number(day, "steps", dayPath), Units.Count));
                    if (Json.OptionalNumber(day, "distance", dayPath) is { } metres)
                    {
                        readings.Add(new VendorReading("walking_running_distance", at, Units.Round(metres / 1000), Units.Kilometres));
                    }
                    if (Json.OptionalNumber(day, "calories", dayPath) is { } calories)
                    {
                        readings.Add(new VendorReading("active_energy", at, Units.Round(calories), Units.Kilocalories));
                    }
                }
            }
        }
        return new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private async Task<DateTimeOffset> FetchSleepAsync(VendorSession session, FetchRequest request, List<VendorReading> readings, CancellationToken cancellationToken)
    {
        var since = request.Since(Sleep);
        var until = request.WindowEnd(Sleep);
        await foreach (var (body, path) in PagesAsync(session, "/v2/sleep", new Dictionary<string, string>
        {
            ["action"] = "getsummary",
            ["startdateymd"] = since.UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["enddateymd"] = until.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["data_fields"] = "lightsleepduration,deepsleepduration,remsleepduration,wakeupduration,total_sleep_time,rr_average",
        }, cancellationToken))
        {
            var index = 0;
            foreach (var night in Json.Array(body, "series", path))
            {
                var nightPath = $"{path}.series[{index++}]";
                var end = DateTimeOffset.FromUnixTimeSeconds((long)Json.Number(night, "enddate", nightPath));
                // A night belongs to the window it ended in, so it is taken once, when complete.
                if (end < since || end >= until)
                {
                    continue;
                }
                var startUtc = DateTimeOffset.FromUnixTimeSeconds((long)Json.Number(night, "startdate", nightPath));
                var start = startUtc.ToOffset(Offset(Json.OptionalString(night, "timezone"), startUtc.UtcDateTime, utc: true));
                var data = Json.Object(night, "data", nightPath);
                var dataPath = $"{nightPath}.data";
                var light = Json.OptionalNumber(data, "lightsleepduration", dataPath) ?? 0;
                var deep = Json.OptionalNumber(data, "deepsleepduration", dataPath) ?? 0;
                var rem = Json.OptionalNumber(data, "remsleepduration", dataPath) ?? 0;
                var total = Json.OptionalNumber(data, "total_sleep_time", dataPath) ?? light + deep + rem;
                readings.Add(new VendorReading("sleep_analysis", start, Units.Round(total / 3600), Units.Hours));
                readings.Add(new VendorReading("sleep_stage_light", start, Units.Round(light / 60), Units.Minutes));
                readings.Add(new VendorReading("sleep_stage_deep", start, Units.Round(deep / 60), Units.Minutes));
                readings.Add(new VendorReading("sleep_stage_rem", start, Units.Round(rem / 60), Units.Minutes));
                if (Json.OptionalNumber(data, "wakeupduration", dataPath) is { } awake)
                {
                    readings.Add(new VendorReading("sleep_stage_awake", start, Units.Round(awake / 60), Units.Minutes));
                }
                if (Json.OptionalNumber(data, "rr_average", dataPath) is { } breath)
                {
                    readings.Add(new VendorReading("respiratory_rate", start, breath, Units.PerMinute));
                }
            }
        }
        return until;
    }

    // Every Withings list pages the same way: "more" (a number in getmeas, a boolean elsewhere) and "offset".
    private async IAsyncEnumerable<(JsonElement Body, string Path)> PagesAsync(VendorSession session, string path, Dictionary<string, string> form,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var page = 0; page < 1000; page++)
        {
            using var document = await session.PostFormAsync(path, form, cancellationToken);
            var body = Json.Object(document.RootElement, "body", "$");
            yield return (body.Clone(), $"{path} page {page}.body");
            var more = body.TryGetProperty("more", out var m) && (m.ValueKind == JsonValueKind.True || m.ValueKind == JsonValueKind.Number && m.GetDouble() > 0);
            if (!more)
            {
                yield break;
            }
            form["offset"] = ((long)Json.Number(body, "offset", $"{path} page {page}.body")).ToString(CultureInfo.InvariantCulture);
        }
    }

    // Withings names the user's IANA time zone; an unknown one leaves the time in UTC.
    private static TimeSpan Offset(string? timezone, DateTime at, bool utc = false)
    {
        if (timezone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone))
        {
            return TimeSpan.Zero;
        }
        return utc ? zone.GetUtcOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : zone.GetUtcOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified));
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken)
    {
        using var document = await session.PostFormAsync("/v2/user", new Dictionary<string, string> { ["action"] = "getdevice" }, cancellationToken);
        var body = Json.Object(document.RootElement, "body", "$");
        var devices = new List<VendorDevice>();
        var index = 0;
        foreach (var device in Json.Array(body, "devices", "$.body"))
        {
            var path = $"$.body.devices[{index++}]";
            var type = Json.OptionalString(device, "type") ?? "Device";
            var model = Json.OptionalString(device, "model");
            var lastSession = Json.OptionalNumber(device, "last_session_date", path);
            devices.Add(new VendorDevice(Json.String(device, "deviceid", path), DeviceType(type), $"Withings {model ?? type}", "Withings", model,
                Json.OptionalString(device, "fw"), Battery(Json.OptionalString(device, "battery")),
                lastSession is { } s ? DateTimeOffset.FromUnixTimeSeconds((long)s) : null, Capabilities(type)));
        }
        return devices;
    }

    private void MapGroup(JsonElement group, string path, string? vendorDeviceId, DateTimeOffset since, DateTimeOffset until, List<VendorReading> readings)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds((long)Json.Number(group, "date", path));
        var deviceId = Json.OptionalString(group, "deviceid");
        // An account holds a scale and a cuff: an imported device takes only what it measured.
        if (vendorDeviceId is not null && deviceId is not null && deviceId != vendorDeviceId || at < since || at >= until
            || Json.OptionalNumber(group, "category", path) is { } category && category != 1)
        {
            return;
        }
        double? systolic = null, diastolic = null;
        var index = 0;
        foreach (var measure in Json.Array(group, "measures", path))
        {
            var measurePath = $"{path}.measures[{index++}]";
            var value = Json.Number(measure, "value", measurePath) * Math.Pow(10, Json.Number(measure, "unit", measurePath));
            switch ((int)Json.Number(measure, "type", measurePath))
            {
                case 1: readings.Add(new VendorReading("weight_body_mass", at, Units.Round(value), Units.Kilograms)); break;
                case 4: readings.Add(new VendorReading("height", at, Units.Round(value * 100), Units.Centimetres)); break;
                case 5: readings.Add(new VendorReading("lean_body_mass", at, Units.Round(value), Units.Kilograms)); break;
                case 6: readings.Add(new VendorReading("body_fat_percentage", at, Units.Round(value), Units.Percent)); break;
                case 8: readings.Add(new VendorReading("fat_mass", at, Units.Round(value), Units.Kilograms)); break;
                case 9: diastolic = value; break;
                case 10: systolic = value; break;
                case 11: readings.Add(new VendorReading("heart_rate", at, Units.Round(value), Units.PerMinute)); break;
                case 12 or 71: readings.Add(new VendorReading("body_temperature", at, Units.Round(value), Units.Celsius)); break;
                case 54: readings.Add(new VendorReading("blood_oxygen_saturation", at, Units.Round(value), Units.Percent)); break;
                case 73: readings.Add(new VendorReading("skin_temperature", at, Units.Round(value), Units.Celsius)); break;
                case 76: readings.Add(new VendorReading("muscle_mass", at, Units.Round(value), Units.Kilograms)); break;
                case 77: readings.Add(new VendorReading("hydration", at, Units.Round(value), Units.Kilograms)); break;
                case 88: readings.Add(new VendorReading("bone_mass", at, Units.Round(value), Units.Kilograms)); break;
                case 91: readings.Add(new VendorReading("pulse_wave_velocity", at, Units.Round(value), "m/s")); break;
            }
        }
        if (systolic is { } sys && diastolic is { } dia)
        {
            readings.Add(new VendorReading("blood_pressure", at, new Dictionary<string, double> { ["systolic"] = Units.Round(sys), ["diastolic"] = Units.Round(dia) },
                Units.MillimetresOfMercury));
        }
        else if (systolic is not null || diastolic is not null)
        {
            throw Payload(path, "a blood pressure group needs both systolic (type 10) and diastolic (type 9)");
        }
    }

    private static int? WithingsStatus(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null;

    private static string DeviceType(string type) => type switch
    {
        "Scale" => "smart_scale",
        "Blood Pressure Monitor" => "blood_pressure_monitor",
        "Sleep Monitor" => "sleep_monitor",
        "Smart Connected Thermometer" => "thermometer",
        _ => "activity_tracker",
    };

    private static IReadOnlyList<string> Capabilities(string type) => type switch
    {
        "Scale" => ["weight", "body_fat", "heart_rate"],
        "Blood Pressure Monitor" => ["blood_pressure", "heart_rate"],
        "Smart Connected Thermometer" => ["temperature"],
        _ => ["heart_rate", "steps", "sleep"],
    };

    private static int? Battery(string? level) => level switch
    {
        "high" => 80,
        "medium" => 50,
        "low" => 15,
        _ => null,
    };
}
