using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Messaging.Consumers;
using VitaSense.Tracking.Infrastructure.Records;
using VitaSense.Tracking.Model.Metrics;

namespace VitaSense.Tracking.Services.Stream;

/// <summary>
/// Materialises the processed device stream (<see cref="Topics.DeviceDataProcessed"/>, <see cref="EventTypes.ObservationsProcessed"/>)
/// into the owner's metrics, heart-rate samples, sleep sessions and activities (<see cref="ObservationMaterializer"/>;
/// weights get the BMI from the profile's height),
/// a night's sleep stage segments into one session however many events bring them (<see cref="DeviceSleepStore"/>),
/// in consumer group <c>Tracking:StreamConsumerGroup</c> (default <see cref="ConsumerGroups.Tracking"/>). Every insert
/// skips rows already stored under their source reference, so redeliveries and replays of the topic change nothing.
/// </summary>
public sealed class ProcessedObservationsConsumer : CloudEventConsumer
{
    /// <summary>The configuration key of the consumer group.</summary>
    public const string GroupKey = "Tracking:StreamConsumerGroup";

    private readonly MetricStore metrics;
    private readonly HeartRateStore heartRates;
    private readonly DeviceSleepStore sleep;
    private readonly ActivityStore activities;
    private readonly ProfileStore profiles;
    private readonly SchemaReadiness readiness;
    private readonly TimeProvider time;

    /// <summary>Creates the consumer and registers its handler.</summary>
    public ProcessedObservationsConsumer(MetricStore metrics, HeartRateStore heartRates, DeviceSleepStore sleep, ActivityStore activities, ProfileStore profiles,
        SchemaReadiness readiness, IConfiguration configuration, IHostEnvironment environment, TimeProvider time, ILogger<ProcessedObservationsConsumer> logger)
        : base(new CloudEventConsumerOptions { GroupId = configuration[GroupKey] ?? ConsumerGroups.Tracking, Topics = [Topics.DeviceDataProcessed] },
            configuration, environment, time, logger)
    {
        this.metrics = metrics;
        this.heartRates = heartRates;
        this.sleep = sleep;
        this.activities = activities;
        this.profiles = profiles;
        this.readiness = readiness;
        this.time = time;
        Handle<ObservationsProcessed>(EventTypes.ObservationsProcessed, OnProcessedAsync);
    }

    private async Task OnProcessedAsync(CloudEvent<ObservationsProcessed> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var observations = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(observations.UserId) || string.IsNullOrWhiteSpace(observations.Metric) || observations.Points is null)
        {
            throw new PoisonMessageException("The observations need a user_id, a metric and points.");
        }
        // Events can arrive before this instance finished migrating; failing them would dead-letter good data.
        await readiness.WaitAsync(cancellationToken);

        var now = time.GetUtcNow();
        var rows = ObservationMaterializer.Materialize(observations, now);
        if (rows.Metrics.Any(m => m.MetricType == MetricTypes.Weight)
            && (await profiles.GetAsync(observations.UserId, cancellationToken)).HeightCm is { } height)
        {
            ObservationMaterializer.AddBmi(rows, height);
        }
        var inserted = await metrics.InsertDeviceAsync(observations.UserId, observations.DeviceId, rows.Metrics, cancellationToken)
            + await heartRates.InsertDeviceAsync(observations.UserId, observations.DeviceId, rows.HeartRates, cancellationToken)
            + await sleep.StoreAsync(observations.UserId, observations.Source, rows.SleepSessions, rows.SleepStageSegments, now, cancellationToken)
            + await activities.InsertDeviceAsync(observations.UserId, rows.Activities, cancellationToken);
        var candidates = rows.Metrics.Count + rows.HeartRates.Count + rows.SleepSessions.Count + rows.SleepStageSegments.Count + rows.Activities.Count;
        if (candidates > 0 && inserted == 0)
        {
            Statistics.RecordDuplicate();
        }
        Logger.LogDebug("{EventId}: {Inserted} of {Candidates} {Metric} readings of {UserId} stored, {Skipped} skipped",
            cloudEvent.Id, inserted, candidates, observations.Metric, observations.UserId, rows.Skipped);
    }
}
