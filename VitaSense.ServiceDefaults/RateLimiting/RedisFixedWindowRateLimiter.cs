using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace VitaSense.ServiceDefaults.RateLimiting;

/// <summary>
/// A fixed-window limiter for one partition whose count lives in Redis, so every replica enforces one shared
/// limit. Each acquisition is one atomic script: <c>INCRBY</c>, and on the window's first request
/// <c>PEXPIRE</c>; the key's remaining TTL is the time until the window resets. Redis being unreachable lets the
/// request through (fail open) and is logged: a cache outage must not become an outage of the API.
/// </summary>
public sealed class RedisFixedWindowRateLimiter(
    string partitionKey,
    RedisRateLimitSettings settings,
    IConnectionMultiplexer redis,
    ILogger logger,
    TimeProvider time) : RateLimiter
{
    private const string Script = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            ttl = tonumber(ARGV[2])
        end
        return { count, ttl }
        """;

    private static readonly RateLimitLease Pending = new RedisRateLimitLease(false, 0, 0, null);
    private readonly RedisKey key = $"{settings.KeyPrefix}{partitionKey}";
    private long lastUsedTimestamp = time.GetTimestamp();

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref lastUsedTimestamp));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// The count is in Redis, so there is no synchronous answer: this refuses, which makes the rate-limiting
    /// middleware fall through to <see cref="AcquireAsyncCore"/>.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Pending;

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsedTimestamp, time.GetTimestamp());
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                Script, [key], [permitCount, (long)settings.Window.TotalMilliseconds]))!;
            var count = (long)result[0];
            var ttl = TimeSpan.FromMilliseconds((long)result[1]);
            var remaining = (int)Math.Max(0, settings.PermitLimit - count);
            return count <= settings.PermitLimit
                ? new RedisRateLimitLease(true, settings.PermitLimit, remaining, null)
                : new RedisRateLimitLease(false, settings.PermitLimit, 0, ttl);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidCastException)
        {
            logger.LogWarning(ex, "Rate limit check for {Partition} failed; letting the request through", partitionKey);
            return new RedisRateLimitLease(true, settings.PermitLimit, settings.PermitLimit, null);
        }
    }
}
