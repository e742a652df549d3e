using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.Devices.Infrastructure;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Caching;

/// <summary>Device lookups and health summaries are cached in the real Redis and dropped by every change.</summary>
public sealed class DeviceCacheTests(LongCacheDevicesFactory factory) : IClassFixture<LongCacheDevicesFactory>
{
    private IDatabase Redis => factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    [Fact]
    public async Task A_read_fills_the_device_key_an_update_removes_it_and_the_next_read_shows_the_new_value()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var id = await RegisterAsync(client);
        var key = DeviceCache.DeviceKey(id);
        Assert.False(await Redis.KeyExistsAsync(key));

        await GetJsonAsync(client, $"{DevicesUrl}/{id}");
        Assert.True(await Redis.KeyExistsAsync(key));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{id}", Json(new JsonObject { ["device_name"] = "Renamed" }))).StatusCode);
        Assert.False(await Redis.KeyExistsAsync(key));
        Assert.Equal("Renamed", (await GetJsonAsync(client, $"{DevicesUrl}/{id}")).GetProperty("device_name").GetString());
        Assert.True(await Redis.KeyExistsAsync(key));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{id}")).StatusCode);
        Assert.False(await Redis.KeyExistsAsync(key));
        Assert.Equal("unregistered", (await GetJsonAsync(client, $"{DevicesUrl}/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_health_summary_is_cached_per_user_and_dropped_by_changes_and_health_events()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var id = await RegisterAsync(client);
        var key = DeviceCache.SummaryKey(user);

        Assert.Equal(1, (await GetJsonAsync(client, $"{DevicesUrl}/health/summary")).GetProperty("total_devices").GetInt32());
        Assert.True(await Redis.KeyExistsAsync(key));

        var second = await RegisterAsync(client);
        Assert.False(await Redis.KeyExistsAsync(key));
        Assert.Equal(2, (await GetJsonAsync(client, $"{DevicesUrl}/health/summary")).GetProperty("total_devices").GetInt32());
        Assert.True(await Redis.KeyExistsAsync(key));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{second}", Json(new JsonObject { ["device_name"] = "Second" }))).StatusCode);
        Assert.False(await Redis.KeyExistsAsync(key));
        var summary = await GetJsonAsync(client, $"{DevicesUrl}/health/summary");
        Assert.Equal("Second", summary.GetProperty("devices")[1].GetProperty("device_name").GetString());
        Assert.True(await Redis.KeyExistsAsync(key));

        await GetJsonAsync(client, $"{DevicesUrl}/{id}/health");
        Assert.True(await Redis.KeyExistsAsync(DeviceCache.DeviceKey(id)));
        await PublishAsync(factory, Topics.DeviceDataRaw, EventTypes.DeviceStatusReported, id.ToString(), new DeviceStatusReported
        {
            UserId = user, DeviceId = id.ToString(), Timestamp = DateTimeOffset.UtcNow.AddSeconds(-5), BatteryLevel = 64, Rssi = -50, Online = true,
        });

        // The consumer's invalidation is what makes the new battery level visible: without it the cached snapshot
        // would answer for the cache's whole lifetime.
        await WaitUntilAsync(async () => (await GetJsonAsync(client, $"{DevicesUrl}/{id}/health")).GetProperty("battery_level") is { ValueKind: System.Text.Json.JsonValueKind.Number } b
            && b.GetInt32() == 64, "the status report to show");
        var after = await GetJsonAsync(client, $"{DevicesUrl}/health/summary");
        Assert.Equal(1, after.GetProperty("status_counts").GetProperty("online").GetInt32());
    }
}

/// <summary>
/// The devices service with cached entries living ten minutes, far beyond any wait of the tests: a value that changes
/// while cached shows only if the change invalidated it.
/// </summary>
public sealed class LongCacheDevicesFactory : DevicesFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Devices:Registry:CacheTtlSeconds"] = "600";
    }
}

/// <summary>The devices service with Redis unreachable: every read falls back to PostgreSQL.</summary>
public sealed class RedisDownDevicesFactory : DevicesFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        // Nothing listens on port 1.
        settings["ConnectionStrings:cache"] = "127.0.0.1:1,abortConnect=false,connectTimeout=500";
    }
}

/// <summary>Redis down never breaks the registry or health reads.</summary>
public sealed class RedisOutageTests(RedisDownDevicesFactory factory) : IClassFixture<RedisDownDevicesFactory>
{
    [Fact]
    public async Task Registry_and_health_work_from_the_database_when_redis_is_down()
    {
        var client = ClientFor(factory, NewUser());
        var id = await RegisterAsync(client);

        Assert.Equal("My Fitbit", (await GetJsonAsync(client, $"{DevicesUrl}/{id}")).GetProperty("device_name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{id}", Json(new JsonObject { ["device_name"] = "Offline cache" }))).StatusCode);
        Assert.Equal("Offline cache", (await GetJsonAsync(client, $"{DevicesUrl}/{id}")).GetProperty("device_name").GetString());
        Assert.Equal("unknown", (await GetJsonAsync(client, $"{DevicesUrl}/{id}/health")).GetProperty("status").GetString());
        Assert.Equal(1, (await GetJsonAsync(client, $"{DevicesUrl}/health/summary")).GetProperty("total_devices").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{id}")).StatusCode);
    }
}
