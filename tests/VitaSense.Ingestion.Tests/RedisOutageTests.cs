using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model;
using VitaSense.ServiceDefaults.RateLimiting;

namespace VitaSense.Ingestion.Tests;

/// <summary>Redis being unreachable degrades, never fails: limits fail open, the cache reads as a miss.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private IConnectionMultiplexer redis = null!;

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
    {
        // Nothing listens on port 1.
        EndPoints = { "127.0.0.1:1" },
        AbortOnConnectFail = false,
        ConnectTimeout = 500,
        BacklogPolicy = BacklogPolicy.FailFast,
    });

    public async Task DisposeAsync() => await redis.DisposeAsync();

    [Fact]
    public async Task The_rate_limiter_lets_requests_through_when_redis_is_down()
    {
        using var limiter = new RedisFixedWindowRateLimiter("test:partition", new RedisRateLimitSettings(1, TimeSpan.FromMinutes(1), "test:"),
            redis, NullLogger.Instance, TimeProvider.System);

        using var first = await limiter.AcquireAsync();
        using var second = await limiter.AcquireAsync();

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
    }

    [Fact]
    public async Task The_latest_status_cache_reads_as_a_miss_and_swallows_writes_when_redis_is_down()
    {
        var cache = new LatestStatusCache(redis, Options.Create(new DeviceStatusOptions()), NullLogger<LatestStatusCache>.Instance);

        await cache.SetAsync([new LatestStatus("u", new DeviceStatusView("d", DateTime.UtcNow, 1, -1, true, DateTime.UtcNow))]);

        Assert.Null(await cache.GetAsync("u", "d"));
    }
}
