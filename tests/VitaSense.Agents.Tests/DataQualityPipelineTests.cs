extern alias agents;

using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VitaSense.Agents.Agents;
using VitaSense.Agents.Model;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Quality;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// The data quality agent with a real Kafka: readings in on <c>device-data-raw</c>, processed readings and quality
/// issues read back from their topics.
/// </summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class DataQualityPipelineTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);

    protected override string? Consumer => "quality";

    [Fact]
    public async Task Out_of_range_reading_and_spike_are_flagged_and_reported()
    {
        var deviceId = NewId("device");
        var input = HeartRateEvent(deviceId, NewId("user"), deviceId, i => i switch
        {
            15 => 400,
            22 => 150,
            _ => 60 + i % 5,
        });

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, input);

        var processedMessage = Assert.Single(await Kafka.ReadAsync(Topics.DeviceDataProcessed, deviceId, Timeout, found => found.Count >= 1));
        var processed = CloudEventSerializer.Deserialize<ObservationsProcessed>(processedMessage.Message.Value);
        Assert.Equal(EventTypes.ObservationsProcessed, processed.Type);
        Assert.Equal("/agents", processed.Source);
        Assert.Equal(DerivedEventId.Create(input.Source, input.Id, "processed"), processed.Id);
        Assert.Equal(input.Id, processed.Data.SourceEventId);
        Assert.Equal(input.Data.UserId, processed.Data.UserId);
        Assert.Equal("heart_rate", processed.Data.Metric);
        Assert.Equal(30, processed.Data.Points.Count);
        var impossible = processed.Data.Points[15];
        Assert.Equal(400, impossible.Value);
        Assert.Equal(["out_of_range"], impossible.Flags);
        Assert.Equal(0, impossible.QualityScore);
        var spike = processed.Data.Points[22];
        Assert.Equal(["outlier"], spike.Flags);
        Assert.Equal(1, spike.OutlierScore);
        Assert.All(processed.Data.Points.Where((_, i) => i is not 15 and not 22), p => Assert.Empty(p.Flags));
        Assert.DoesNotContain(processed.Data.Points, p => p.Interpolated);

        var issueMessages = await Kafka.ReadAsync(Topics.DataQualityIssues, deviceId, Timeout, found => found.Count >= 2);
        var issues = issueMessages.Select(m => CloudEventSerializer.Deserialize<DataQualityIssueDetected>(m.Message.Value)).OrderBy(i => i.Data.Timestamp).ToList();
        Assert.Equal(["out_of_range", "outlier"], issues.Select(i => i.Data.IssueType));
        Assert.All(issues, i => Assert.Equal(EventTypes.DataQualityIssue, i.Type));
        Assert.All(issues, i => Assert.Equal(i.Id, i.Data.IssueId));
        Assert.All(issues, i => Assert.Equal(input.Id, i.Data.SourceEventId));
        Assert.All(issues, i => Assert.Equal(deviceId, i.Data.DeviceId));
        Assert.Equal(400, issues[0].Data.Value);
        Assert.Equal("warning", issues[0].Data.Severity);
        Assert.Equal(T0.AddMinutes(15), issues[0].Data.Timestamp);
        Assert.Equal(150, issues[1].Data.Value);
        Assert.Equal(
            [DerivedEventId.Create(input.Source, input.Id, "quality", "out_of_range", "0"), DerivedEventId.Create(input.Source, input.Id, "quality", "outlier", "1")],
            issues.Select(i => i.Id));
    }

    [Fact]
    public async Task Stream_state_is_saved_with_the_position_of_its_last_event()
    {
        var deviceId = NewId("device");
        var userId = NewId("user");
        var store = Factory.Services.GetRequiredService<QualityStateStore>();

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, HeartRateEvent(deviceId, userId, deviceId, i => i == 3 ? 400 : 70));

        // Saved right after the outputs are acknowledged.
        var deadline = DateTime.UtcNow + Timeout;
        StreamStateEntry? saved;
        while ((saved = await store.LoadAsync((userId, deviceId, "heart_rate"), new StreamQualityState(200, 50, 256), CancellationToken.None)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The stream's state was not saved.");
            await Task.Delay(100);
        }
        Assert.Equal(T0.AddMinutes(29), saved.State.LastTimestamp);
        Assert.Equal(29, saved.State.Values.Count); // the impossible 400 left out
        Assert.Equal(30, saved.State.Seen.InOrder().Count());
        Assert.True(saved.Offset >= 0);
        // A redelivery of that message after a restart is recognised; the next message is not...
        Assert.True(saved.Includes(saved.Partition, saved.Offset, T0.AddMinutes(29)));
        Assert.False(saved.Includes(saved.Partition, saved.Offset + 1, T0.AddMinutes(29)));
        // ... and so is a message at an old offset carrying newer readings (the topic was recreated).
        Assert.False(saved.Includes(saved.Partition, saved.Offset, T0.AddMinutes(30)));
    }

    [Fact]
    public async Task A_restarted_agent_resumes_from_the_saved_state()
    {
        var deviceId = NewId("device");
        var userId = NewId("user");
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, HeartRateEvent(deviceId, userId, deviceId, i => 60 + i % 5));
        await Kafka.ReadAsync(Topics.DeviceDataProcessed, deviceId, Timeout, found => found.Count >= 1);
        var running = Factory.Services.GetRequiredService<DataQualityAgent>();
        await running.StopAsync(CancellationToken.None);
        // Half an hour later a spike in the sixth reading: only a window that remembers the first half hour (more than
        // the scorer's minimum) calls it an outlier; a cold start would have five values and no opinion.
        var later = HeartRateEvent(deviceId, userId, deviceId, i => i == 5 ? 150 : 60 + i % 5, fromMinute: 30);
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, later);

        var restarted = new DataQualityAgent(
            Factory.Services.GetRequiredService<IOptions<AgentsOptions>>(),
            Factory.Services.GetRequiredService<QualityStateStore>(),
            Factory.Services.GetRequiredService<IConfiguration>(),
            Factory.Services.GetRequiredService<IHostEnvironment>(),
            TimeProvider.System,
            Factory.Services.GetRequiredService<ILogger<DataQualityAgent>>());
        try
        {
            await restarted.StartAsync(CancellationToken.None);
            var processed = await Kafka.ReadAsync(Topics.DeviceDataProcessed, deviceId, TimeSpan.FromSeconds(30), found => found.Count >= 2);

            var resumed = Assert.Single(
                processed.Select(m => CloudEventSerializer.Deserialize<ObservationsProcessed>(m.Message.Value)),
                e => e.Data.SourceEventId == later.Id);
            Assert.Equal(["outlier"], resumed.Data.Points[5].Flags);
            // The first reading follows the saved last one by a minute: no gap, no duplicate.
            Assert.Empty(resumed.Data.Points[0].Flags);
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
            restarted.Dispose();
            await running.StartAsync(CancellationToken.None);
            await WaitForPartitionsAsync("quality");
        }
    }

    [Fact]
    public async Task Replaying_the_same_event_publishes_the_same_ids()
    {
        var before = await AgentsStatus.GetAsync(Operator);
        var deviceId = NewId("device");
        var input = HeartRateEvent(deviceId, NewId("user"), deviceId, i => i == 10 ? 300 : 70);

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, input);
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, input);

        // The second copy has been processed once the duplicate counter moved.
        await AgentsStatus.WaitForAsync(Operator, status => Quality(status).GetProperty("duplicates").GetInt64() > Quality(before).GetProperty("duplicates").GetInt64(), Timeout);
        var processed = await Kafka.ReadAsync(Topics.DeviceDataProcessed, deviceId, Timeout, found => found.Count >= 1);
        var issues = await Kafka.ReadAsync(Topics.DataQualityIssues, deviceId, Timeout, found => found.Count >= 1);
        Assert.Equal(
            [DerivedEventId.Create(input.Source, input.Id, "processed")],
            processed.Select(m => CloudEventSerializer.Deserialize<ObservationsProcessed>(m.Message.Value).Id).Distinct());
        Assert.Equal(
            [DerivedEventId.Create(input.Source, input.Id, "quality", "out_of_range", "0")],
            issues.Select(m => CloudEventSerializer.Deserialize<DataQualityIssueDetected>(m.Message.Value).Id).Distinct());
    }

    [Fact]
    public async Task Two_devices_disagreeing_on_heart_rate_raise_an_issue()
    {
        var userId = NewId("user");
        var watch = NewId("device");
        var strap = NewId("device");

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, watch, HeartRateEvent(watch, userId, watch, _ => 60));
        await Kafka.ReadAsync(Topics.DeviceDataProcessed, watch, Timeout, found => found.Count >= 1);
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, strap, HeartRateEvent(strap, userId, strap, i => i == 5 ? 95 : 62));

        var issueMessages = await Kafka.ReadAsync(Topics.DataQualityIssues, strap, Timeout, found => found.Count >= 1);
        var issue = CloudEventSerializer.Deserialize<DataQualityIssueDetected>(Assert.Single(issueMessages).Message.Value);
        Assert.Equal("cross_device_disagreement", issue.Data.IssueType);
        Assert.Equal(95, issue.Data.Value);
        Assert.Contains(watch, issue.Data.Detail);
    }

    [Fact]
    public async Task Observations_event_without_readings_is_dead_lettered()
    {
        var deviceId = NewId("device");
        var json = $$$"""{"specversion":"1.0","id":"{{{Guid.NewGuid()}}}","type":"{{{EventTypes.ObservationsIngested}}}","source":"/ingestion","data":{"user_id":"u","metric":"heart_rate","source":"s","origin":"device_upload"}}""";

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, Encoding.UTF8.GetBytes(json));

        var deadLetters = await Kafka.ReadAsync(Topics.DeadLetter(ConsumerGroups.AgentsQuality), deviceId, Timeout, found => found.Count >= 1);
        Assert.Single(deadLetters);
    }

    [Fact]
    public async Task A_heart_rate_stuck_for_half_an_hour_is_published_as_a_flatline_issue()
    {
        var deviceId = NewId("device");
        var userId = NewId("user");

        // An hour of 71 bpm to the beat, in two events: the run reaches half an hour at the first reading of the second.
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, HeartRateEvent(deviceId, userId, deviceId, _ => 71));
        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, HeartRateEvent(deviceId, userId, deviceId, _ => 71, fromMinute: 30));

        var issues = await Kafka.ReadAsync(Topics.DataQualityIssues, deviceId, Timeout, found => found.Count >= 1);
        var flatline = CloudEventSerializer.Deserialize<DataQualityIssueDetected>(Assert.Single(issues).Message.Value);
        Assert.Equal(("flatline", "warning", T0.AddMinutes(30), 71.0), (flatline.Data.IssueType, flatline.Data.Severity, flatline.Data.Timestamp, flatline.Data.Value!.Value));
        var processed = await Kafka.ReadAsync(Topics.DeviceDataProcessed, deviceId, Timeout, found => found.Count >= 2);
        var second = processed.Select(m => CloudEventSerializer.Deserialize<ObservationsProcessed>(m.Message.Value)).Single(e => e.Data.Points[0].Timestamp == T0.AddMinutes(30));
        Assert.All(second.Data.Points, p => Assert.Equal(["flatline"], p.Flags));
    }

    [Fact]
    public async Task Status_reports_the_quality_agent()
    {
        var before = await AgentsStatus.GetAsync(Operator);
        var deviceId = NewId("device");

        await Kafka.ProduceAsync(Topics.DeviceDataRaw, deviceId, HeartRateEvent(deviceId, NewId("user"), deviceId, _ => 65));

        var after = await AgentsStatus.WaitForAsync(Operator,
            status => Quality(status).GetProperty("points_processed").GetInt64() >= Quality(before).GetProperty("points_processed").GetInt64() + 30, Timeout);
        var quality = Quality(after);
        Assert.Equal("agents-quality", quality.GetProperty("consumer_group").GetString());
        Assert.Equal("running", quality.GetProperty("state").GetString());
        Assert.True(quality.GetProperty("tracked_streams").GetInt32() >= 1);
        Assert.True(quality.GetProperty("produced").GetProperty(Topics.DeviceDataProcessed).GetInt64() >= 1);
    }

    private static JsonElement Quality(JsonElement status) => status.GetProperty("quality");

    /// <summary>30 minutes of heart rate, one reading a minute from <see cref="T0"/> + <paramref name="fromMinute"/>, as ingestion publishes them.</summary>
    private static CloudEvent<ObservationsIngested> HeartRateEvent(string deviceId, string userId, string source, Func<int, double> value, int fromMinute = 0) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = EventTypes.ObservationsIngested,
        Source = "/ingestion",
        Subject = deviceId,
        Time = T0.AddMinutes(fromMinute + 29),
        Data = new ObservationsIngested
        {
            UserId = userId,
            Metric = "heart_rate",
            Source = source,
            DeviceId = deviceId,
            Unit = "count/min",
            Origin = "device_upload",
            IngestionId = 1,
            Observations = Enumerable.Range(0, 30)
                .Select(i => new ObservationPoint { Timestamp = T0.AddMinutes(fromMinute + i), UtcOffset = 120, Value = value(i) })
                .ToList(),
        },
    };
}
