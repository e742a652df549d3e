using System.Globalization;

namespace VitaSense.Devices.Integrations.Connectors;

/// <summary>
/// Google Health API (v4, <c>health.googleapis.com</c>), the successor to the shut-down Google Fit REST API for
/// Android and Fitbit data: <c>GET /v4/users/me/dataTypes/{data-type}/dataPoints?filter&amp;pageSize&amp;pageToken</c>
/// answers <c>{dataPoints: [...], nextPageToken}</c>. Heart rate points are samples
/// (<c>heartRate.sampleTime.physicalTime</c>, <c>heartRate.beatsPerMinute</c>); steps are intervals
/// (<c>steps.interval.startTime</c>, <c>steps.count</c>); 64-bit counts arrive as strings (protobuf JSON).
/// </summary>
public sealed class GoogleHealthConnector : VendorConnector
{
    /// <summary>Heart rate samples.</summary>
    public const string HeartRate = "heart-rate";

    /// <summary>Step intervals.</summary>
    public const string Steps = "steps";

    /// <inheritdoc />
    public override string Type => "google_health";

    /// <inheritdoc />
    public override string DisplayName => "Google Health";

    /// <inheritdoc />
    public override IReadOnlyList<string> DataTypes { get; } = [HeartRate, Steps];

    /// <inheritdoc />
    public override async Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken)
    {
        var readings = new List<VendorReading>();
        var cursors = new Dictionary<string, SyncCursor>();
        foreach (var dataType in request.DataTypes)
        {
            var since = request.Since(dataType);
            var until = request.WindowEnd(dataType);
            var field = dataType == HeartRate ? "heart_rate.sample_time.physical_time" : "steps.interval.start_time";
            var filter = Uri.EscapeDataString($"{field} >= \"{Iso(since)}\" AND {field} < \"{Iso(until)}\"");
            string? pageToken = null;
            var page = 0;
            do
            {
                var url = $"/v4/users/me/dataTypes/{dataType}/dataPoints?pageSize=1000&filter={filter}" + (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}");
                using var document = await session.GetJsonAsync(url, cancellationToken);
                var root = document.RootElement;
                var index = 0;
                if (root.TryGetProperty("dataPoints", out _))
                {
                    foreach (var point in Json.Array(root, "dataPoints", $"page {page}"))
                    {
                        var path = $"page {page}.dataPoints[{index++}]";
                        if (dataType == HeartRate)
                        {
                            var heartRate = Json.Object(point, "heartRate", path);
                            var at = Json.Instant(Json.Object(heartRate, "sampleTime", $"{path}.heartRate"), "physicalTime", $"{path}.heartRate.sampleTime");
                            readings.Add(new VendorReading("heart_rate", at, Json.Number(heartRate, "beatsPerMinute", $"{path}.heartRate"), Units.PerMinute));
                        }
                        else
                        {
                            var steps = Json.Object(point, "steps", path);
                            var at = Json.Instant(Json.Object(steps, "interval", $"{path}.steps"), "startTime", $"{path}.steps.interval");
                            readings.Add(new VendorReading("step_count", at, Json.Number(steps, "count", $"{path}.steps"), Units.Count));
                        }
                    }
                }
                pageToken = Json.OptionalString(root, "nextPageToken");
                page++;
            }
            while (pageToken is { Length: > 0 } && page < 1000);
            cursors[dataType] = new SyncCursor(until);
        }
        return new FetchResult(readings, cursors);
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken) =>
        // Data points name their source device, but there is no device list: the account is the device.
        Task.FromResult<IReadOnlyList<VendorDevice>>([new VendorDevice("google-health", "smartphone", "Google Health (Android)", "Google", null, null, null, null,
            ["heart_rate", "steps"])]);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
