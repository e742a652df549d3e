using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VitaSense.Ingestion.Model;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// Each device's latest status in Redis, a hash of <c>ts</c> (the report's timestamp in ticks) and <c>v</c> (the JSON).
/// Writes go through a script that replaces the value only with a newer report, so a slow cache-aside fill or a
/// replica's late write never puts an older status over a newer one. Redis failures are logged and swallowed:
/// PostgreSQL is the truth, the cache only makes reads cheaper.
/// </summary>
public sealed class LatestStatusCache(IConnectionMultiplexer redis, IOptions<DeviceStatusOptions> options, ILogger<LatestStatusCache> logger)
{
    private const string SetIfNewer = """
        local current = redis.call('HGET', KEYS[1], 'ts')
        if (not current) or tonumber(current) < tonumber(ARGV[1]) then
            redis.call('HSET', KEYS[1], 'ts', ARGV[1], 'v', ARGV[2])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    /// <summary>The cached status, or null on a miss or when Redis is unavailable.</summary>
    public async Task<DeviceStatusView?> GetAsync(string userId, string deviceId)
    {
        try
        {
            var value = await redis.GetDatabase().HashGetAsync(Key(userId, deviceId), "v");
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<DeviceStatusView>((byte[])value!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            logger.LogDebug(ex, "Latest-status cache read failed; reading PostgreSQL");
            return null;
        }
    }

    /// <summary>Stores the statuses, pipelined in one round trip; each only if newer than what is cached.</summary>
    public async Task SetAsync(IReadOnlyCollection<LatestStatus> statuses)
    {
        if (statuses.Count == 0)
        {
            return;
        }
        try
        {
            var database = redis.GetDatabase();
            var ttl = (long)TimeSpan.FromSeconds(options.Value.CacheTtlSeconds).TotalMilliseconds;
            await Task.WhenAll(statuses.Select(s => database.ScriptEvaluateAsync(SetIfNewer,
                [Key(s.UserId, s.Status.DeviceId)],
                [s.Status.Timestamp.Ticks, JsonSerializer.SerializeToUtf8Bytes(s.Status), ttl])));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Latest-status cache update failed for {Count} devices", statuses.Count);
        }
    }

    // Lengths make the key unambiguous whatever characters the ids contain.
    private static RedisKey Key(string userId, string deviceId) => $"ingestion:latest:{userId.Length}:{userId}:{deviceId}";
}
