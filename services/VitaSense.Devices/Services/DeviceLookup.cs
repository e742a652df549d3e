using Microsoft.Extensions.Options;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Services;

/// <summary>
/// Reads devices and health summaries through <see cref="DeviceCache"/>, falling back to PostgreSQL, and invalidates
/// after changes. The owner is checked on every read, cached or not: another user's device is null.
/// </summary>
public sealed class DeviceLookup(DeviceHealthStore store, DeviceCache cache, TimeProvider time, IOptions<RegistryOptions> options)
{
    /// <summary>The caller's device with its recent anomalies, or null.</summary>
    public async Task<DeviceSnapshot?> FindAsync(string userId, Guid deviceId, CancellationToken cancellationToken)
    {
        var snapshot = await cache.GetDeviceAsync(deviceId);
        if (snapshot is null)
        {
            snapshot = await store.SnapshotAsync(deviceId, AlertsSince(), cancellationToken);
            if (snapshot is not null)
            {
                await cache.SetDeviceAsync(snapshot);
            }
        }
        return snapshot is not null && string.Equals(snapshot.Device.UserId, userId, StringComparison.Ordinal) ? snapshot : null;
    }

    /// <summary>Every registered device of the caller with its recent anomalies.</summary>
    public async Task<IReadOnlyList<DeviceSnapshot>> ForUserAsync(string userId, CancellationToken cancellationToken)
    {
        if (await cache.GetSummaryAsync(userId) is { } cached)
        {
            return cached;
        }
        var snapshots = await store.SnapshotsOfUserAsync(userId, AlertsSince(), cancellationToken);
        await cache.SetSummaryAsync(userId, snapshots);
        return snapshots;
    }

    /// <summary>Forgets what is cached about the device and its owner's devices.</summary>
    public Task InvalidateAsync(Guid deviceId, string userId) => cache.InvalidateAsync(deviceId, userId);

    private DateTimeOffset AlertsSince() => time.GetUtcNow().AddHours(-options.Value.AlertWindowHours);
}
