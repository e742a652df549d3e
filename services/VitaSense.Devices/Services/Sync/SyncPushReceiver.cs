using System.Text.Json;
using System.Text.Json.Serialization;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Integrations.Connectors;

namespace VitaSense.Devices.Services.Sync;

/// <summary>
/// Takes a Garmin Health API push: maps every summary (the whole body fails on a malformed one, so nothing is
/// half-taken), finds each Garmin user's VitaSense owner through their connection and the owner's Garmin device,
/// posts the readings to ingestion and records a <c>push</c> sync per device. Summaries of Garmin users nobody
/// connected are ignored (Garmin pushes for every user of the app).
/// </summary>
public sealed class SyncPushReceiver(
    GarminConnector garmin,
    IntegrationConnectionStore connections,
    DeviceSyncStore devices,
    SyncHistoryStore history,
    SyncIngestionClient ingestion,
    TimeProvider time,
    ILogger<SyncPushReceiver> logger)
{
    /// <summary>What a push did.</summary>
    public sealed record Result(
        [property: JsonPropertyName("devices")] int Devices,
        [property: JsonPropertyName("readings")] int Readings,
        [property: JsonPropertyName("accepted")] int Accepted,
        [property: JsonPropertyName("duplicates")] int Duplicates,
        [property: JsonPropertyName("rejected")] int Rejected,
        [property: JsonPropertyName("ignored_users")] int IgnoredUsers);

    /// <summary>Handles a push body; throws <see cref="Integrations.VendorException"/> (payload) or <see cref="SyncIngestionException"/>.</summary>
    public async Task<Result> ReceiveAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var byUser = garmin.MapPush(body);
        int deviceCount = 0, readings = 0, accepted = 0, duplicates = 0, rejected = 0, ignored = 0;
        foreach (var (garminUserId, userReadings) in byUser)
        {
            if (await connections.FindUserAsync(garmin.Type, garminUserId, cancellationToken) is not { } userId
                || await devices.FindVendorDeviceAsync(userId, garmin.Type, cancellationToken) is not { } device)
            {
                ignored++;
                continue;
            }
            try
            {
                var outcome = await ingestion.PostAsync(device.DeviceId, userId, garmin.Type, userReadings, cancellationToken);
                await history.RecordPushAsync(device.DeviceId, userId, started, userReadings.Count, outcome.Accepted + outcome.Duplicates, outcome.Rejected, null,
                    cancellationToken);
                await devices.InvalidateAsync(device.DeviceId, userId);
                deviceCount++;
                readings += userReadings.Count;
                accepted += outcome.Accepted;
                duplicates += outcome.Duplicates;
                rejected += outcome.Rejected;
            }
            catch (SyncIngestionException ex)
            {
                logger.LogWarning("Garmin push for device {DeviceId} not taken by ingestion: {Message}", device.DeviceId, ex.Message);
                await history.RecordPushAsync(device.DeviceId, userId, started, userReadings.Count, 0, 0, ex.Message, CancellationToken.None);
                throw;
            }
        }
        return new Result(deviceCount, readings, accepted, duplicates, rejected, ignored);
    }
}
