using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.EndToEnd.Tests;

/// <summary>Clients → gateway → ingestion → Kafka → agents → device-anomalies, on the real app.</summary>
[Collection(AppCollection.Name)]
public sealed class DeviceStatusFlowTests(AppFixture fixture)
{
    [Fact]
    public async Task A_low_battery_status_is_stored_readable_and_raises_an_anomaly_within_five_seconds()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var device = $"sensor-{Guid.NewGuid():N}";
        var key = await fixture.CreateApiKeyAsync(user);
        using var anomalies = AnomalyWatcher.StartAtEnd(fixture.KafkaBootstrapServers);
        var timestamp = DateTimeOffset.UtcNow.AddSeconds(-5);

        using var post = Request(HttpMethod.Post, "/status", key, new
        {
            device_id = device,
            timestamp = timestamp.ToString("O"),
            battery_level = 12,
            rssi = -70,
            online = true,
        });
        using var posted = await fixture.Gateway.SendAsync(post);
        var postedAt = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var accepted = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("success", accepted.GetProperty("status").GetString());
        Assert.Equal(device, accepted.GetProperty("device_id").GetString());

        using var get = Request(HttpMethod.Get, $"/status/{device}", key);
        using var latest = await fixture.Gateway.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        var status = await latest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(12, status.GetProperty("battery_level").GetInt32());
        Assert.Equal(-70, status.GetProperty("rssi").GetInt32());
        Assert.Equal(timestamp, status.GetProperty("timestamp").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("nosniff", latest.Headers.GetValues("X-Content-Type-Options").Single());

        var anomaly = anomalies.WaitFor(device, postedAt + TimeSpan.FromSeconds(5));
        Assert.NotNull(anomaly);
        Assert.Equal(EventTypes.DeviceAnomalyDetected, anomaly.Type);
        Assert.Equal("low_battery", anomaly.Data.AnomalyType);
        Assert.Equal(user, anomaly.Data.UserId);
    }

    [Fact]
    public async Task Another_users_device_is_invisible_through_the_gateway()
    {
        var owner = $"user-{Guid.NewGuid():N}";
        var device = $"sensor-{Guid.NewGuid():N}";
        var ownerKey = await fixture.CreateApiKeyAsync(owner);
        var strangerKey = await fixture.CreateApiKeyAsync($"user-{Guid.NewGuid():N}");
        using var post = Request(HttpMethod.Post, "/status", ownerKey, Status(device));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Gateway.SendAsync(post)).StatusCode);

        using var get = Request(HttpMethod.Get, $"/status/{device}", strangerKey);
        using var response = await fixture.Gateway.SendAsync(get);
        using var summaryRequest = Request(HttpMethod.Get, "/status/summary", strangerKey);
        var summary = await (await fixture.Gateway.SendAsync(summaryRequest)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"Device {device} not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.DoesNotContain(summary.GetProperty("devices").EnumerateArray(), d => d.GetProperty("device_id").GetString() == device);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_refused_with_the_specified_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = JsonContent.Create(Status("sensor-x")) };
        request.Headers.Add("X-API-Key", "vsk_notarealkey0_" + new string('a', 43));

        using var response = await fixture.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid API key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"device_id\":\"D\",\"timestamp\":\"2025-06-09T14:00:00Z\",\"battery_level\":101,\"rssi\":-60,\"online\":true}", 400, "battery_level")]
    [InlineData("{\"device_id\":\"D\",\"timestamp\":\"2025-06-09T14:00:00Z\",\"battery_level\":50,\"rssi\":-60}", 422, "online")]
    [InlineData("{\"device_id\":\"D\",\"timestamp\":\"2025-06-09T14:00:00\",\"battery_level\":50,\"rssi\":-60,\"online\":true}", 400, "timestamp")]
    [InlineData("{\"device_id\":\"D\",\"timestamp\":\"2025-06-09T14:00:00Z\",\"battery_level\":\"full\",\"rssi\":-60,\"online\":true}", 400, "battery_level")]
    [InlineData("{\"device_id\":\"D\",\"timestamp\":", 400, null)]
    public async Task Bad_input_is_a_4xx_naming_the_field_and_nothing_is_stored(string template, int expectedStatus, string? field)
    {
        var device = $"sensor-{Guid.NewGuid():N}";
        var key = await fixture.CreateApiKeyAsync($"user-{Guid.NewGuid():N}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status")
        {
            Content = new StringContent(template.Replace("\"D\"", $"\"{device}\""), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", key);

        using var response = await fixture.Gateway.SendAsync(request);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (field is not null)
        {
            Assert.Contains($"\"{field}\"", body);
        }
        using var get = Request(HttpMethod.Get, $"/status/{device}", key);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Gateway.SendAsync(get)).StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_by_the_gateway()
    {
        var key = await fixture.CreateApiKeyAsync($"user-{Guid.NewGuid():N}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status")
        {
            Content = new StringContent($"{{\"device_id\":\"{new string('x', 64 * 1024)}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", key);

        using var response = await fixture.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static object Status(string device) => new
    {
        device_id = device,
        timestamp = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"),
        battery_level = 80,
        rssi = -55,
        online = true,
    };

    private static HttpRequestMessage Request(HttpMethod method, string path, string apiKey, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", apiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    /// <summary>
    /// Reads device-anomalies from the offsets it had when created, without joining a consumer group
    /// (a group join alone can take seconds), so the five-second budget measures the pipeline.
    /// </summary>
    private sealed class AnomalyWatcher : IDisposable
    {
        private readonly IConsumer<string, byte[]> consumer;

        private AnomalyWatcher(IConsumer<string, byte[]> consumer) => this.consumer = consumer;

        public static AnomalyWatcher StartAtEnd(string bootstrapServers)
        {
            KafkaNativeLibrary.EnsureLoaded();
            var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"e2e-{Guid.NewGuid():N}",
                EnableAutoCommit = false,
            }).Build();
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
            var partitions = admin.GetMetadata(Topics.DeviceAnomalies, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            var positions = partitions.Select(p =>
            {
                var partition = new TopicPartition(Topics.DeviceAnomalies, p.PartitionId);
                return new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High);
            }).ToList();
            consumer.Assign(positions);
            return new AnomalyWatcher(consumer);
        }

        public CloudEvent<DeviceAnomalyDetected>? WaitFor(string deviceId, DateTimeOffset deadline)
        {
            while (DateTimeOffset.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message.Key == deviceId)
                {
                    return CloudEventSerializer.Deserialize<DeviceAnomalyDetected>(result.Message.Value);
                }
            }
            return null;
        }

        public void Dispose()
        {
            consumer.Close();
            consumer.Dispose();
        }
    }
}
