using System.Globalization;
using System.Text.Json;

namespace VitaSense.Devices.Integrations.Connectors;

/// <summary>
/// Oura API v2. <c>GET /v2/usercollection/heartrate?start_datetime&amp;end_datetime</c> (<c>data[]</c> of
/// <c>{bpm, source, timestamp}</c>), <c>/daily_sleep?start_date&amp;end_date</c> (<c>{day, score, timestamp}</c>) and
/// <c>/sleep</c> (periods with <c>bedtime_start</c>, stage durations in seconds, <c>average_breath</c>,
/// <c>average_hrv</c>); every collection pages with <c>next_token</c>. Day-keyed documents are re-read from the
/// cursor's day, since Oura finalises a day later (ingestion drops the repeats). Oura's webhooks (subscriptions with
/// a verification token, events signed with <c>x-oura-signature</c>) trigger a sync of the user's Oura devices; the
/// connection's Oura user id comes from <c>GET /v2/usercollection/personal_info</c>.
/// </summary>
public sealed class OuraConnector : VendorConnector
{
    /// <summary>Heart rate time series.</summary>
    public const string HeartRate = "heartrate";

    /// <summary>Daily sleep scores.</summary>
    public const string DailySleep = "daily_sleep";

    /// <summary>Sleep periods.</summary>
    public const string Sleep = "sleep";

    /// <inheritdoc />
    public override string Type => "oura";

    /// <inheritdoc />
    public override string DisplayName => "Oura";

    /// <inheritdoc />
    public override IReadOnlyList<string> DataTypes { get; } = [HeartRate, DailySleep, Sleep];

    /// <inheritdoc />
    public override async Task<string?> ResolveVendorUserIdAsync(VendorSession session, CancellationToken cancellationToken)
    {
        using var document = await session.GetJsonAsync("/v2/usercollection/personal_info", cancellationToken);
        return Json.String(document.RootElement, "id", "$");
    }

    /// <inheritdoc />
    public override async Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken)
    {
        var readings = new List<VendorReading>();
        var cursors = new Dictionary<string, SyncCursor>();
        foreach (var dataType in request.DataTypes)
        {
            var since = request.Since(dataType);
            var until = request.WindowEnd(dataType);
            var query = dataType == HeartRate
                ? $"start_datetime={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}&end_datetime={Uri.EscapeDataString(until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}"
                : $"start_date={since.UtcDateTime:yyyy-MM-dd}&end_date={until.UtcDateTime:yyyy-MM-dd}";
            await foreach (var (item, path) in PagesAsync(session, $"/v2/usercollection/{dataType}?{query}", cancellationToken))
            {
                switch (dataType)
                {
                    case HeartRate:
                        var at = Json.Instant(item, "timestamp", path);
                        if (at >= since && at < until)
                        {
                            readings.Add(new VendorReading("heart_rate", at, Json.Number(item, "bpm", path), Units.PerMinute)
                            {
                                Quality = Json.OptionalString(item, "source"),
                            });
                        }
                        break;
                    case DailySleep:
                        if (Json.OptionalNumber(item, "score", path) is { } score)
                        {
                            readings.Add(new VendorReading("sleep_score", Json.Instant(item, "timestamp", path), score, Units.Score));
                        }
                        break;
                    case Sleep:
                        MapSleep(item, path, readings);
                        break;
                }
            }
            cursors[dataType] = new SyncCursor(dataType == HeartRate ? until : new DateTimeOffset(until.UtcDateTime.Date, TimeSpan.Zero));
        }
        return new FetchResult(readings, cursors);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken)
    {
        var devices = new List<VendorDevice>();
        await foreach (var (ring, path) in PagesAsync(session, "/v2/usercollection/ring_configuration", cancellationToken))
        {
            var hardware = Json.OptionalString(ring, "hardware_type") ?? "ring";
            devices.Add(new VendorDevice(Json.String(ring, "id", path), "smart_ring", $"Oura Ring ({hardware})", "Oura", hardware,
                Json.OptionalString(ring, "firmware_version"), null, null, ["heart_rate", "sleep", "hrv", "temperature"]));
        }
        return devices;
    }

    private void MapSleep(JsonElement period, string path, List<VendorReading> readings)
    {
        var start = Json.Instant(period, "bedtime_start", path);
        readings.Add(new VendorReading("sleep_analysis", start, Units.Round(Json.Number(period, "total_sleep_duration", path) / 3600), Units.Hours));
        foreach (var (field, stage) in new[] { ("deep_sleep_duration", "deep"), ("light_sleep_duration", "light"), ("rem_sleep_duration", "rem"), ("awake_time", "awake") })
        {
            if (Json.OptionalNumber(period, field, path) is { } seconds)
            {
                readings.Add(new VendorReading($"sleep_stage_{stage}", start, Units.Round(seconds / 60), Units.Minutes));
            }
        }
        if (Json.OptionalNumber(period, "average_breath", path) is { } breath)
        {
            readings.Add(new VendorReading("respiratory_rate", start, breath, Units.PerMinute));
        }
        if (Json.OptionalNumber(period, "lowest_heart_rate", path) is { } lowest)
        {
            readings.Add(new VendorReading("resting_heart_rate", start, lowest, Units.PerMinute));
        }
        // Oura's HRV is RMSSD, not the SDNN of ingestion's heart_rate_variability: a metric of its own.
        if (Json.OptionalNumber(period, "average_hrv", path) is { } hrv)
        {
            readings.Add(new VendorReading("heart_rate_variability_rmssd", start, hrv, Units.Milliseconds));
        }
    }

    private async IAsyncEnumerable<(JsonElement Item, string Path)> PagesAsync(VendorSession session, string firstPage,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? nextToken = null;
        var page = 0;
        do
        {
            var url = nextToken is null ? firstPage : $"{firstPage}{(firstPage.Contains('?') ? '&' : '?')}next_token={Uri.EscapeDataString(nextToken)}";
            using var document = await session.GetJsonAsync(url, cancellationToken);
            var index = 0;
            foreach (var item in Json.Array(document.RootElement, "data", $"page {page}"))
            {
                yield return (item.Clone(), $"page {page}.data[{index++}]");
            }
            nextToken = Json.OptionalString(document.RootElement, "next_token");
            page++;
        }
        while (nextToken is { Length: > 0 } && page < 1000);
    }
}
