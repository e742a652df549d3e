using Microsoft.Extensions.Options;
using VitaSense.Agents.Calibration;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Model;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Agents.Agents;

/// <summary>
/// Consumes processed readings (<see cref="EventTypes.ObservationsProcessed"/>) from <see cref="Topics.DeviceDataProcessed"/>
/// in its own group <c>agents-calibration</c>, learns per device and metric a correction factor against the user's
/// reference device (<see cref="CalibrationEstimator"/>) and publishes a <see cref="CalibrationChanged"/> to
/// <see cref="Topics.CalibrationEvents"/> when a device becomes calibrated, starts drifting or its factor moves.
/// <para>Idempotent: an event's id derives from the input event's id and the device, so reprocessing from the same
/// state publishes the same ids; an event processed moments ago is skipped. State is bounded in memory (LRU per user
/// and metric); the current factors are saved to <c>agents.calibration_factors</c> and each announced change to
/// <c>agents.calibration_history</c>, best effort: a database outage does not stop the stream. A user's metric not in
/// memory resumes from its saved factors (<see cref="CalibrationEstimator.Restore"/>): same reference, no repeated
/// announcements.</para>
/// </summary>
public sealed class CalibrationAgent : CloudEventConsumer
{
    /// <summary>The calibration agent's consumer group.</summary>
    public const string ConsumerGroup = ConsumerGroups.AgentsCalibration;

    private readonly CalibrationEstimator estimator;
    private readonly CalibrationStore store;
    private readonly LruCache<(string UserId, string Metric), UserMetricCalibration> states;
    private readonly LruCache<string, bool> processedEvents;
    private long changesPublished;
    private long saveFailures;

    /// <summary>Creates the agent and registers its handler.</summary>
    public CalibrationAgent(IOptions<AgentsOptions> options, CalibrationStore store, IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger<CalibrationAgent> logger)
        : base(new CloudEventConsumerOptions { GroupId = ConsumerGroup, Topics = [Topics.DeviceDataProcessed] }, configuration, environment, timeProvider, logger)
    {
        var settings = options.Value;
        this.store = store;
        estimator = new CalibrationEstimator(settings.Calibration);
        states = new LruCache<(string, string), UserMetricCalibration>(settings.Calibration.UserMetricCapacity);
        processedEvents = new LruCache<string, bool>(settings.ProcessedEventCapacity);
        Handle<ObservationsProcessed>(EventTypes.ObservationsProcessed, OnObservationsProcessedAsync);
    }

    /// <summary>Users' metrics whose calibration state is held in memory.</summary>
    public int TrackedStreams => states.Count;

    /// <summary>Calibration changes published.</summary>
    public long ChangesPublished => Interlocked.Read(ref changesPublished);

    /// <summary>Factors or history rows that could not be saved to the database.</summary>
    public long SaveFailures => Interlocked.Read(ref saveFailures);

    private async Task OnObservationsProcessedAsync(CloudEvent<ObservationsProcessed> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var eventKey = $"{cloudEvent.Source}\n{cloudEvent.Id}";
        if (processedEvents.TryGet(eventKey, out _))
        {
            Statistics.RecordDuplicate();
            return;
        }

        var batch = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(batch.UserId) || string.IsNullOrWhiteSpace(batch.Metric) || string.IsNullOrWhiteSpace(batch.Source)
            || batch.Points is null)
        {
            throw new PoisonMessageException("The processed observations event needs a user_id, a metric, a source and points.");
        }

        var stateKey = (batch.UserId, batch.Metric);
        if (!states.TryGet(stateKey, out var state))
        {
            state = await RestoreAsync(stateKey, cancellationToken);
            states.Set(stateKey, state);
        }
        var estimates = estimator.Observe(batch, state);

        foreach (var estimate in estimates.Where(e => e.Announce))
        {
            var id = DerivedEventId.Create(cloudEvent.Source, cloudEvent.Id, "calibration", estimate.Source, estimate.Metric);
            var change = new CalibrationChanged
            {
                UserId = batch.UserId,
                DeviceId = estimate.DeviceId,
                Source = estimate.Source,
                Metric = estimate.Metric,
                Factor = estimate.Factor,
                PreviousFactor = estimate.PreviousFactor,
                ReferenceSource = estimate.ReferenceSource,
                Pairs = estimate.Pairs,
                Confidence = estimate.Confidence,
                Status = estimate.Status,
                Recommendation = CalibrationStatus.RecommendationFor(estimate.Status),
                // The input's time, not the clock's: reprocessing must produce the same event.
                OccurredAt = cloudEvent.Time,
            };
            await PublishAsync(Topics.CalibrationEvents, estimate.DeviceId ?? estimate.Source, new CloudEvent<CalibrationChanged>
            {
                Id = id,
                Type = EventTypes.CalibrationChanged,
                Source = DeviceAnomalyAgent.EventSource,
                Subject = estimate.DeviceId ?? estimate.Source,
                Time = cloudEvent.Time,
                Data = change,
            }, cancellationToken);
            // Only once acknowledged: a failed publish is retried with the change still to announce.
            state.Sources[estimate.Source].MarkAnnounced(estimate.Factor, estimate.Status, estimate.Confidence);
            Interlocked.Increment(ref changesPublished);
            await SaveAsync(() => store.AddHistoryAsync(Guid.Parse(id), change, cancellationToken));
        }

        await SaveAsync(() => store.SaveAsync(batch.UserId, estimates, cloudEvent.Time, cancellationToken));
        processedEvents.Set(eventKey, true);
    }

    private async Task<UserMetricCalibration> RestoreAsync((string UserId, string Metric) key, CancellationToken cancellationToken)
    {
        try
        {
            return estimator.Restore(await store.LoadAsync(key.UserId, key.Metric, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Could not load the calibration of {Metric}; starting it cold", key.Metric);
            return estimator.NewState();
        }
    }

    private async Task SaveAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref saveFailures);
            Logger.LogWarning(ex, "Could not save calibration state; it is kept in memory");
        }
    }
}
