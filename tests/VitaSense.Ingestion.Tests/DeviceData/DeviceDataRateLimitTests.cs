using System.Net;
using static VitaSense.Ingestion.Tests.DeviceData.DeviceLifecycle;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests.DeviceData;

/// <summary>Every device data endpoint shares one per-caller budget; over it the answer is 429 with Retry-After.</summary>
public sealed class DeviceDataRateLimitTests(TinyDeviceDataLimitFactory factory) : IClassFixture<TinyDeviceDataLimitFactory>
{
    [Fact]
    public async Task Requests_over_the_budget_are_429_with_retry_after_and_another_caller_is_unaffected()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var device = NewId("dev");
        await PublishAsync(factory, "registered", device, user, DateTimeOffset.UtcNow);
        // Waits in the database rather than by polling the API, which would spend the budget under test.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await CountAsync(factory.DatabaseConnectionString, "SELECT count(*) FROM ingestion.device_owners WHERE device_id = @device AND registered",
            ("device", device)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the lifecycle event never reached the owner map");
            await Task.Delay(100);
        }

        for (var i = 0; i < TinyDeviceDataLimitFactory.RequestsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{DataPath(device)}/latest")).StatusCode);
        }

        var response = await client.GetAsync($"{DataPath(device)}/latest");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.DeleteAsync(DataPath(device))).StatusCode);

        var other = ClientFor(factory, NewId("user"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{DataPath(device)}/latest")).StatusCode);
    }
}
