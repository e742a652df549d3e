extern alias agents;

using System.Net;
using System.Text.Json;
using VitaSense.Contracts;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary><c>/data/stream/{device_id}</c>: processed readings relayed through Redis as server-sent events.</summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class DataStreamTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task The_owner_streams_processed_readings_and_another_user_sees_none()
    {
        var owner = NewId("user");
        var deviceId = NewId("device");
        using var ownerClient = Client(owner);
        using var otherClient = Client(NewId("user"));
        using var cancel = new CancellationTokenSource(Timeout);
        await using var ownerStream = await SseStream.OpenAsync(ownerClient, $"/data/stream/{deviceId}", cancel.Token);
        await using var otherStream = await SseStream.OpenAsync(otherClient, $"/data/stream/{deviceId}", cancel.Token);
        Assert.Equal("ready", (await ownerStream.NextAsync(cancel.Token)).Event);
        Assert.Equal("ready", (await otherStream.NextAsync(cancel.Token)).Event);

        var at = new DateTimeOffset(2025, 8, 1, 9, 0, 0, TimeSpan.Zero);
        var processed = Processed(owner, deviceId, "heart_rate", [Point(at, 60, 61), Point(at.AddMinutes(1), 60, 250, false, "outlier")]);
        await Kafka.ProduceAsync(Topics.DeviceDataProcessed, deviceId, processed);

        var received = await ownerStream.NextAsync(cancel.Token);
        Assert.Equal("processed", received.Event);
        using var batch = JsonDocument.Parse(received.Data);
        Assert.Equal(processed.Id, batch.RootElement.GetProperty("event_id").GetString());
        Assert.Equal("heart_rate", batch.RootElement.GetProperty("metric").GetString());
        var points = batch.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([61.0, 250.0], points.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal("outlier", points[1].GetProperty("flags")[0].GetString());

        // The other user's channel is their own: the owner's event never reaches it.
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        quiet.CancelAfter(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => otherStream.NextAsync(quiet.Token));
    }

    [Fact]
    public async Task Without_a_token_the_stream_is_refused()
    {
        using var client = Factory.CreateClient();
        using var response = await client.GetAsync("/data/stream/some-device");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

}
