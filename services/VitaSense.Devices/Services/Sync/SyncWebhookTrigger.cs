using System.Text.Json.Serialization;
using VitaSense.Devices.Infrastructure;

namespace VitaSense.Devices.Services.Sync;

/// <summary>
/// A vendor's "new data" notification (Oura webhooks) for one of its users: starts a sync of that user's devices of
/// the vendor, unless one is already pending or running (its cursors take the new data at the latest next time).
/// </summary>
public sealed class SyncWebhookTrigger(IntegrationConnectionStore connections, DeviceSyncStore devices, SyncHistoryStore history, SyncQueue queue)
{
    /// <summary>What a notification started.</summary>
    public sealed record Result(
        [property: JsonPropertyName("syncs")] IReadOnlyList<Guid> Syncs,
        [property: JsonPropertyName("ignored")] bool Ignored);

    /// <summary>Starts syncs of the devices of the VitaSense user connected as <paramref name="vendorUserId"/>.</summary>
    public async Task<Result> TriggerAsync(string vendor, string vendorUserId, CancellationToken cancellationToken)
    {
        if (await connections.FindUserAsync(vendor, vendorUserId, cancellationToken) is not { } userId)
        {
            return new Result([], Ignored: true);
        }
        var started = new List<Guid>();
        foreach (var device in await devices.ListAsync(userId, apiOnly: true, cancellationToken))
        {
            if (device.Vendor == vendor && await history.TryCreateAsync(device.DeviceId, userId, SyncTypes.Automatic, null, 1, cancellationToken) is { } syncId)
            {
                queue.Enqueue(syncId, device.DeviceId);
                started.Add(syncId);
            }
        }
        return new Result(started, Ignored: false);
    }
}
