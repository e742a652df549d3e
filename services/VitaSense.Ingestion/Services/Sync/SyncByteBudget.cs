using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.ServiceDefaults.RateLimiting;

namespace VitaSense.Ingestion.Services.Sync;

/// <summary>
/// The per-caller budget of body bytes per hour for <c>POST /api/v1/sync</c>, counted in Redis so replicas share
/// it. A body with a Content-Length is charged before it is read, and refused when it does not fit; one sent
/// chunked is charged once read (it counts against the next request).
/// </summary>
public sealed class SyncByteBudget(IConnectionMultiplexer redis, IOptions<SyncOptions> options, IHostEnvironment environment,
    ILoggerFactory loggerFactory, TimeProvider time)
{
    /// <summary>Charges <paramref name="bytes"/> to the caller of <paramref name="context"/>; the lease says whether it fit.</summary>
    public async Task<RateLimitLease> ChargeAsync(HttpContext context, long bytes, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(int.MaxValue, options.Value.BytesPerHour);
        var settings = new RedisRateLimitSettings(limit, TimeSpan.FromHours(1), RedisRateLimitingExtensions.DefaultKeyPrefix(environment));
        var limiter = new RedisFixedWindowRateLimiter(
            $"sync-bytes:{RateLimitPartitionKeys.ForCaller(context)}",
            settings,
            redis,
            loggerFactory.CreateLogger<RedisFixedWindowRateLimiter>(),
            time);
        return await limiter.AcquireAsync((int)Math.Clamp(bytes, 0, int.MaxValue), cancellationToken);
    }
}
