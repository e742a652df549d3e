using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using VitaSense.ServiceDefaults.RateLimiting;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests;

/// <summary>The /status rate limit is counted in Redis: two replicas share one budget per caller.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly TinyRateLimitFactory first = new();
    private readonly TinyRateLimitFactory second = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)first).InitializeAsync();
        await ((IAsyncLifetime)second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)first).DisposeAsync();
        await ((IAsyncLifetime)second).DisposeAsync();
    }

    [Fact]
    public async Task The_request_over_the_limit_is_429_with_retry_after_even_on_another_replica()
    {
        var user = NewId("user");
        var onFirst = ClientFor(first, user);
        var onSecond = ClientFor(second, user);

        for (var i = 0; i < TinyRateLimitFactory.PermitLimit - 1; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/status/summary")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/status/summary")).StatusCode);

        var refused = await onSecond.GetAsync("/status/summary");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await JsonAsync(refused)).GetProperty("status").GetInt32());
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 120);
        Assert.Equal(TinyRateLimitFactory.PermitLimit.ToString(), refused.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onFirst.GetAsync("/status/summary")).StatusCode);

        // The count is in Redis, where both replicas put it.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(first.Infrastructure.RedisConnectionString);
        var prefix = RedisRateLimitingExtensions.DefaultKeyPrefix(first.Services.GetRequiredService<IHostEnvironment>());
        var count = await redis.GetDatabase().StringGetAsync($"{prefix}device-status:user:{user}");
        Assert.Equal(TinyRateLimitFactory.PermitLimit + 2, (int)count);

        // Another caller has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await ClientFor(first, NewId("user")).GetAsync("/status/summary")).StatusCode);
    }
}
