using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.EndToEnd.Tests;

/// <summary>
/// Health Auto Export → gateway → ingestion → device-data-raw → data quality → device-data-processed → calibration →
/// calibration-events → device anomaly → device-anomalies, and device-data-raw → sync monitor → sync-status, on the real
/// app: a drifting device, an impossible reading and a late, overlapping sync.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AgentsFlowTests(AppFixture fixture)
{
    private const string Reference = "My Apple Watch";
    private const string Drifting = "Cheap Band";
    private const int Minutes = 45;
    private const double Bias = 1.15;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_drifting_device_and_an_impossible_reading_raise_a_quality_issue_a_calibration_change_and_a_drift_anomaly()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var key = await fixture.CreateApiKeyAsync(user);
        using var watcher = TopicWatcher.StartAtEnd(fixture.KafkaBootstrapServers,
            Topics.DeviceDataProcessed, Topics.DataQualityIssues, Topics.CalibrationEvents, Topics.DeviceAnomalies, Topics.SyncStatus);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        start = new DateTimeOffset(start.Ticks - start.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

        // The calibration agent takes the first source it sees as the reference: the reference goes in first, alone.
        // Its 400 is refused at the door (ingestion's own bound is 300); its 260 is stored but physiologically impossible.
        var referenceReadings = Enumerable.Range(0, Minutes).Select(i => (start.AddMinutes(i), HeartRate(i)))
            .Append((start.AddMinutes(Minutes), 260))
            .Append((start.AddMinutes(Minutes + 1), 400));
        using (var response = await SyncAsync(key, Reference, referenceReadings))
        {
            var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.MultiStatus, summary.ToString());
            Assert.Equal(Minutes + 1, summary.GetProperty("totals").GetProperty("accepted").GetInt64());
            Assert.Equal(1, summary.GetProperty("totals").GetProperty("rejected").GetInt64());
        }
        Assert.NotNull(watcher.WaitFor<ObservationsProcessed>(Topics.DeviceDataProcessed,
            e => e.Data.UserId == user && e.Data.Source == Reference, DateTimeOffset.UtcNow + Timeout));

        // The same minutes from a device reading 15 % high: within the cross-device tolerance, so its readings stay
        // clean and pair with the reference's.
        var driftingReadings = Enumerable.Range(0, Minutes).Select(i => (start.AddMinutes(i), Math.Round(HeartRate(i) * Bias, 1)));
        using (var response = await SyncAsync(key, Drifting, driftingReadings))
        {
            var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.OK, summary.ToString());
            Assert.Equal(Minutes, summary.GetProperty("totals").GetProperty("accepted").GetInt64());
        }

        var issue = watcher.WaitFor<DataQualityIssueDetected>(Topics.DataQualityIssues,
            e => e.Data.UserId == user && e.Data.IssueType == "out_of_range", DateTimeOffset.UtcNow + Timeout);
        Assert.NotNull(issue);
        Assert.Equal(EventTypes.DataQualityIssue, issue.Type);
        Assert.Equal(Reference, issue.Data.Source);
        Assert.Equal("heart_rate", issue.Data.Metric);
        Assert.Equal(260, issue.Data.Value);
        Assert.Equal(start.AddMinutes(Minutes), issue.Data.Timestamp);

        var calibration = watcher.WaitFor<CalibrationChanged>(Topics.CalibrationEvents,
            e => e.Data.UserId == user && e.Data.Source == Drifting && e.Data.Status == "drifting", DateTimeOffset.UtcNow + Timeout);
        Assert.NotNull(calibration);
        Assert.Equal(EventTypes.CalibrationChanged, calibration.Type);
        Assert.Equal(Reference, calibration.Data.ReferenceSource);
        Assert.Equal(1 / Bias, calibration.Data.Factor, 0.01);
        Assert.Equal("recalibrate", calibration.Data.Recommendation);
        Assert.DoesNotContain(watcher.Seen<CalibrationChanged>(Topics.CalibrationEvents),
            e => e.Data.UserId == user && e.Data.Source == Reference && e.Data.Status == "drifting");

        var anomaly = watcher.WaitFor<DeviceAnomalyDetected>(Topics.DeviceAnomalies,
            e => e.Data.UserId == user && e.Data.AnomalyType == "calibration_drift", DateTimeOffset.UtcNow + Timeout);
        Assert.NotNull(anomaly);
        Assert.Equal(Drifting, anomaly.Data.DeviceId);
        Assert.Equal(calibration.Data.Factor, anomaly.Data.Values!["factor"]);

        // The sync monitor saw the second source's readings arrive over an hour late, overlapping the first's.
        var sync = watcher.WaitFor<SyncStatusChanged>(Topics.SyncStatus,
            e => e.Data.UserId == user && e.Data.Source == Drifting, DateTimeOffset.UtcNow + Timeout);
        Assert.NotNull(sync);
        Assert.Equal("delayed", sync.Data.Status);
        Assert.Equal(1, sync.Data.Conflicts);
        Assert.Contains("choose one as the primary source", sync.Data.RecoveryPlan);
    }

    // A resting heart rate wandering a few beats: smooth enough that no reading is an outlier of its own stream.
    private static double HeartRate(int minute) => Math.Round(70 + 4 * Math.Sin(minute / 6.0), 1);

    private async Task<HttpResponseMessage> SyncAsync(string key, string source, IEnumerable<(DateTimeOffset At, double Bpm)> readings)
    {
        var data = string.Join(",", readings.Select(r => string.Create(CultureInfo.InvariantCulture,
            $$"""{"Min": {{r.Bpm - 2}}, "Avg": {{r.Bpm}}, "Max": {{r.Bpm + 2}}, "date": "{{r.At.ToOffset(TimeSpan.FromHours(-7)).ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture)}}-0700", "source": "{{source}}"}""")));
        var body = """{"data": {"metrics": [{"name": "heart_rate", "units": "count/min", "data": [""" + data + "]}]}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sync") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key);
        return await fixture.Gateway.SendAsync(request);
    }

    /// <summary>
    /// Reads topics from the offsets they had when created, without joining a consumer group (a join alone can take
    /// seconds), keeping every message so an event that arrives while another is awaited is not lost.
    /// </summary>
    private sealed class TopicWatcher : IDisposable
    {
        private readonly IConsumer<string, byte[]> consumer;
        private readonly List<(string Topic, byte[] Value)> received = [];

        private TopicWatcher(IConsumer<string, byte[]> consumer) => this.consumer = consumer;

        public static TopicWatcher StartAtEnd(string bootstrapServers, params string[] topics)
        {
            KafkaNativeLibrary.EnsureLoaded();
            var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"e2e-{Guid.NewGuid():N}",
                EnableAutoCommit = false,
            }).Build();
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
            var positions = new List<TopicPartitionOffset>();
            foreach (var topic in topics)
            {
                foreach (var p in admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions)
                {
                    var partition = new TopicPartition(topic, p.PartitionId);
                    positions.Add(new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High));
                }
            }
            consumer.Assign(positions);
            return new TopicWatcher(consumer);
        }

        public CloudEvent<T>? WaitFor<T>(string topic, Func<CloudEvent<T>, bool> match, DateTimeOffset deadline)
        {
            var found = Seen<T>(topic).FirstOrDefault(match);
            while (found is null && DateTimeOffset.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message is null)
                {
                    continue;
                }
                received.Add((result.Topic, result.Message.Value));
                if (result.Topic == topic && CloudEventSerializer.Deserialize<T>(result.Message.Value) is var cloudEvent && match(cloudEvent))
                {
                    found = cloudEvent;
                }
            }
            return found;
        }

        public IEnumerable<CloudEvent<T>> Seen<T>(string topic) =>
            received.Where(m => m.Topic == topic).Select(m => CloudEventSerializer.Deserialize<T>(m.Value)).ToList();

        public void Dispose()
        {
            consumer.Close();
            consumer.Dispose();
        }
    }
}
