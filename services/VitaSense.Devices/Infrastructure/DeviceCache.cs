using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// Device snapshots (<c>devices:device:{id}</c>) and each user's health summary inputs (<c>devices:summary:{user}</c>)
/// in Redis, cache-aside. Every change removes the keys it affects; <see cref="RegistryOptions.CacheTtlSeconds"/>
/// bounds what a missed invalidation (a change made by another writer of the table) can cost. Health status is
/// computed from the cached inputs at read time, so the cache never holds a status that time has made stale.
/// Redis failures read as misses and are logged, never thrown: PostgreSQL is the truth.
/// </summary>
public sealed class DeviceCache(IConnectionMultiplexer redis, IOptions<RegistryOptions> options, ILogger<DeviceCache> logger)
{
    /// <summary>The key of a device's snapshot.</summary>
    public static string DeviceKey(Guid deviceId) => $"devices:device:{deviceId:N}";

    /// <summary>The key of a user's health summary; the length prefix keeps any user id unambiguous.</summary>
    public static string SummaryKey(string userId) => $"devices:summary:{userId.Length}:{userId}";

    /// <summary>The cached snapshot of the device, or null.</summary>
    public Task<DeviceSnapshot?> GetDeviceAsync(Guid deviceId) => GetAsync<DeviceSnapshot>(DeviceKey(deviceId));

    /// <summary>Caches the snapshot of its device.</summary>
    public Task SetDeviceAsync(DeviceSnapshot snapshot) => SetAsync(DeviceKey(snapshot.Device.DeviceId), snapshot);

    /// <summary>The cached health summary inputs of the user, or null.</summary>
    public Task<IReadOnlyList<DeviceSnapshot>?> GetSummaryAsync(string userId) => GetAsync<IReadOnlyList<DeviceSnapshot>>(SummaryKey(userId));

    /// <summary>Caches the user's health summary inputs.</summary>
    public Task SetSummaryAsync(string userId, IReadOnlyList<DeviceSnapshot> snapshots) => SetAsync(SummaryKey(userId), snapshots);

    /// <summary>Forgets the device and its owner's summary, after any change to either.</summary>
    public async Task InvalidateAsync(Guid deviceId, string userId)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync([DeviceKey(deviceId), SummaryKey(userId)]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Stale for at most the TTL; the change itself is committed.
            logger.LogWarning(ex, "Could not invalidate the cache of device {DeviceId}", deviceId);
        }
    }

    private async Task<T?> GetAsync<T>(string key) where T : class
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>((byte[])value!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            logger.LogDebug(ex, "Device cache read of {Key} failed; reading PostgreSQL", key);
            return null;
        }
    }

    private async Task SetAsync<T>(string key, T value)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value), TimeSpan.FromSeconds(options.Value.CacheTtlSeconds));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Device cache write of {Key} failed", key);
        }
    }
}
