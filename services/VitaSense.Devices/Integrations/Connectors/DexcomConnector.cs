using System.Globalization;

namespace VitaSense.Devices.Integrations.Connectors;

/// <summary>
/// Dexcom API v3. <c>GET /v3/users/self/egvs?startDate&amp;endDate</c> (times <c>yyyy-MM-ddTHH:mm:ss</c> in UTC, at most
/// 30 days per request) answers <c>{recordType: "egv", records: [{systemTime, displayTime, value, unit, trend,
/// trendRate, status}]}</c>. <c>systemTime</c> is UTC (written without an offset); <c>displayTime</c> is the
/// receiver's local clock, also without an offset: the difference between the two, rounded to 15 minutes, is the
/// offset the reading is given. Values are mg/dL (mmol/L converted); a record without a value (sensor warm-up,
/// out of range) is skipped. The trend rate is kept as <c>blood_glucose_trend_rate</c> in mg/dL/min.
/// </summary>
public sealed class DexcomConnector : VendorConnector
{
    /// <summary>Estimated glucose values.</summary>
    public const string Egv = "egvs";

    /// <inheritdoc />
    public override string Type => "dexcom";

    /// <inheritdoc />
    public override string DisplayName => "Dexcom";

    /// <inheritdoc />
    public override IReadOnlyList<string> DataTypes { get; } = [Egv];

    /// <inheritdoc />
    public override async Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken)
    {
        var since = request.Since(Egv);
        var until = request.WindowEnd(Egv);
        var readings = new List<VendorReading>();
        for (var start = since; start < until; start = start.AddDays(30))
        {
            var end = start.AddDays(30) < until ? start.AddDays(30) : until;
            using var document = await session.GetJsonAsync(
                $"/v3/users/self/egvs?startDate={Format(start)}&endDate={Format(end)}", cancellationToken);
            var index = 0;
            foreach (var record in Json.Array(document.RootElement, "records", "$"))
            {
                var path = $"$.records[{index++}]";
                var system = Utc(Json.String(record, "systemTime", path), $"{path}.systemTime");
                var display = Json.Local(record, "displayTime", path, TimeSpan.Zero);
                if (system < since || system >= until || Json.OptionalNumber(record, "value", path) is not { } value)
                {
                    continue;
                }
                var unit = Json.OptionalString(record, "unit") ?? Units.MilligramsPerDecilitre;
                var mgdl = unit.Equals("mmol/L", StringComparison.OrdinalIgnoreCase) ? Units.GlucoseMmolToMgDl(value) : value;
                var local = system.ToOffset(LocalOffset(display - system));
                readings.Add(new VendorReading("blood_glucose", local, Units.Round(mgdl), Units.MilligramsPerDecilitre)
                {
                    Quality = Json.OptionalString(record, "trend"),
                });
                if (Json.OptionalNumber(record, "trendRate", path) is { } rate)
                {
                    readings.Add(new VendorReading("blood_glucose_trend_rate", local, rate, "mg/dL/min"));
                }
            }
        }
        return new FetchResult(readings, new Dictionary<string, SyncCursor> { [Egv] = new(until) });
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken)
    {
        using var document = await session.GetJsonAsync("/v3/users/self/devices", cancellationToken);
        var devices = new List<VendorDevice>();
        var index = 0;
        foreach (var record in Json.Array(document.RootElement, "records", "$"))
        {
            var path = $"$.records[{index++}]";
            var generation = Json.OptionalString(record, "transmitterGeneration") ?? "cgm";
            var id = Json.OptionalString(record, "transmitterId") ?? Json.String(record, "displayDevice", path) + ":" + generation;
            var lastUpload = Json.OptionalString(record, "lastUploadDate");
            devices.Add(new VendorDevice(id, "glucose_monitor", $"Dexcom {generation.ToUpperInvariant()}", "Dexcom", generation, null, null,
                lastUpload is not null && DateTime.TryParse(lastUpload, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                    ? new DateTimeOffset(at, TimeSpan.Zero) : null,
                ["blood_glucose"]));
        }
        return devices;
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private DateTimeOffset Utc(string text, string path) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : throw Payload(path, $"'{text}' is not a date and time");

    // Receiver clocks drift a little from the system clock; time zones are whole quarter hours within ±14 h.
    private static TimeSpan LocalOffset(TimeSpan difference)
    {
        var quarters = Math.Round(difference.TotalMinutes / 15);
        return Math.Abs(quarters) > 14 * 4 ? TimeSpan.Zero : TimeSpan.FromMinutes(quarters * 15);
    }
}
