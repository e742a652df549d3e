using System.Globalization;
using Microsoft.Extensions.Options;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Ml;
using VitaSense.Agents.Model;
using VitaSense.Agents.Quality;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Agents.Agents;

/// <summary>
/// Consumes readings (<see cref="EventTypes.ObservationsIngested"/>) from <see cref="Topics.DeviceDataRaw"/> in its own
/// group <c>agents-quality</c>, runs the <see cref="DataQualityProcessor"/> checks per stream and publishes one
/// <see cref="ObservationsProcessed"/> per event to <see cref="Topics.DeviceDataProcessed"/> and one
/// <see cref="DataQualityIssueDetected"/> per issue to <see cref="Topics.DataQualityIssues"/>, keyed like the input.
/// <para>Idempotent: output ids derive from the input event's id, so reprocessing the same events from the same state
/// (a redelivery after a crash, a replay of the topic from the start) publishes the same ids; an event processed moments
/// ago is recognised and skipped. A stream's state changes only once everything is acknowledged, so a failed publish
/// retries from the state before the event. State is bounded in memory (LRU per stream and per user). Each stream's
/// state, with the Kafka position of the event that produced it, is handed to a <see cref="QualityStateWriter"/> once
/// that event's outputs are acknowledged, and saved to PostgreSQL in batches (the newest state per stream, every
/// <c>Agents:Quality:StateFlushInterval</c>, and once more when the agent stops): the saved position is therefore never
/// ahead of what was published, and the stream pays no database round trip per event. After a restart a stream resumes
/// from its saved state and the redelivered events it already includes are skipped; a stream evicted from memory before
/// its flush resumes from the pending state, not the older row. After a crash (no final flush) the saved state may be up
/// to one flush interval older than the committed Kafka position: the events in between are not redelivered, so the
/// state's windows miss them, but nothing is published twice or lost. Saving is best effort: a database outage keeps
/// the states pending (bounded by <c>StreamCapacity</c>) and degrades a restart towards a cold start, it does not stop
/// the stream. The users' recent heart rate minutes (cross-device check) are memory only.</para>
/// <para>Each event is also scored with its stream's PCA window model (<see cref="StreamModelRegistry"/>, which the
/// clean values feed and which retrains in the background, one training at a time; the lookup never waits for a
/// training, only a stream's first lookup reads its saved model once) and its values multiplied by the device's trusted
/// calibration factor (<see cref="ICalibrationFactorLookup"/>, from memory, refreshed in the background). Both are
/// looked up when the event is processed: a replay
/// after a retrain or a new factor publishes the same ids with the scores and values of the time of the replay.</para>
/// </summary>
public sealed class DataQualityAgent : CloudEventConsumer
{
    /// <summary>The data quality agent's consumer group.</summary>
    public const string ConsumerGroup = ConsumerGroups.AgentsQuality;

    private readonly DataQualityProcessor processor;
    private readonly QualityStateStore store;
    private readonly QualityStateWriter stateWriter;
    private readonly StreamModelRegistry? models;
    private readonly ICalibrationFactorLookup? calibration;
    private readonly LruCache<(string UserId, string Source, string Metric), StreamStateEntry> streams;
    private readonly LruCache<string, UserRecentMinutes> users;
    private readonly LruCache<string, bool> processedEvents;
    private readonly int minutesPerUser;
    private long pointsProcessed;
    private long pointsInterpolated;
    private long issuesDetected;

    /// <summary>Creates the agent without stream models or calibration: robust outlier scores, uncalibrated values.</summary>
    public DataQualityAgent(IOptions<AgentsOptions> options, QualityStateStore store, IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger<DataQualityAgent> logger)
        : this(options, store, null, null, configuration, environment, timeProvider, logger)
    {
    }

    /// <summary>Creates the agent and registers its handler.</summary>
    public DataQualityAgent(IOptions<AgentsOptions> options, QualityStateStore store, StreamModelRegistry? models, ICalibrationFactorLookup? calibration,
        IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger<DataQualityAgent> logger)
        : base(new CloudEventConsumerOptions { GroupId = ConsumerGroup, Topics = [Topics.DeviceDataRaw], FetchWaitMax = options.Value.Quality.FetchWaitMax },
            configuration, environment, timeProvider, logger)
    {
        var settings = options.Value;
        this.store = store;
        this.models = models;
        this.calibration = calibration;
        processor = new DataQualityProcessor(settings.Quality);
        streams = new LruCache<(string, string, string), StreamStateEntry>(settings.Quality.StreamCapacity);
        users = new LruCache<string, UserRecentMinutes>(settings.Quality.UserCapacity);
        processedEvents = new LruCache<string, bool>(settings.ProcessedEventCapacity);
        minutesPerUser = settings.Quality.MinutesPerUser;
        stateWriter = new QualityStateWriter(store, settings.Quality.StateFlushInterval, settings.Quality.StreamCapacity, logger);
        Handle<ObservationsIngested>(EventTypes.ObservationsIngested, OnObservationsIngestedAsync);
    }

    /// <summary>Streams whose state is held in memory.</summary>
    public int TrackedStreams => streams.Count;

    /// <summary>Readings checked and published, interpolated ones not included.</summary>
    public long PointsProcessed => Interlocked.Read(ref pointsProcessed);

    /// <summary>Readings made up by interpolation and published.</summary>
    public long PointsInterpolated => Interlocked.Read(ref pointsInterpolated);

    /// <summary>Quality issues published.</summary>
    public long IssuesDetected => Interlocked.Read(ref issuesDetected);

    /// <summary>Flushes of stream states to the database that failed (their states stayed pending or were dropped).</summary>
    public long StateSaveFailures => stateWriter.Failures;

    /// <summary>Streams whose newest state is not saved to the database yet.</summary>
    public int PendingStateSaves => stateWriter.Pending;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The writer lives as long as the consumer and flushes once more after it stopped: a clean stop loses no state.
        using var flushing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var writer = stateWriter.RunAsync(flushing.Token);
        try
        {
            await base.ExecuteAsync(stoppingToken);
        }
        finally
        {
            await flushing.CancelAsync();
            await writer;
        }
    }

    private async Task OnObservationsIngestedAsync(CloudEvent<ObservationsIngested> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var eventKey = $"{cloudEvent.Source}\n{cloudEvent.Id}";
        if (processedEvents.TryGet(eventKey, out _))
        {
            Statistics.RecordDuplicate();
            return;
        }

        var batch = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(batch.UserId) || string.IsNullOrWhiteSpace(batch.Metric) || string.IsNullOrWhiteSpace(batch.Source)
            || batch.Observations is null)
        {
            throw new PoisonMessageException("The observations event needs a user_id, a metric, a source and observations.");
        }

        var streamKey = (batch.UserId, batch.Source, batch.Metric);
        // The state, the model and the factor are independent: a stream not in memory (new, or after a restart) reads
        // them from the database at once, not one round trip after another. Known ones answer from memory.
        var stateLookup = GetStreamAsync(streamKey, cancellationToken);
        var modelLookup = models?.GetModelAsync(streamKey, cancellationToken);
        var factorLookup = calibration?.GetFactorAsync(batch.UserId, batch.Source, batch.Metric, cancellationToken).AsTask();
        var previous = await stateLookup;
        var scoring = new StreamScoring(modelLookup is null ? null : await modelLookup, factorLookup is null ? null : await factorLookup);
        if (previous is not null && batch.Observations.Count > 0
            && previous.Includes(context.Partition, context.Offset, batch.Observations.Max(o => o.Timestamp)))
        {
            // Redelivered after a restart: its outputs were published before the state was saved.
            Statistics.RecordDuplicate();
            processedEvents.Set(eventKey, true);
            return;
        }
        var recentMinutes = users.TryGet(batch.UserId, out var minutes) ? minutes : null;
        var evaluation = processor.Evaluate(batch, previous?.State, recentMinutes, scoring);

        var key = context.Key ?? batch.DeviceId ?? $"{batch.UserId}:{batch.Source}";
        var subject = batch.DeviceId ?? batch.Source;
        await PublishAsync(Topics.DeviceDataProcessed, key, new CloudEvent<ObservationsProcessed>
        {
            Id = DerivedEventId.Create(cloudEvent.Source, cloudEvent.Id, "processed"),
            Type = EventTypes.ObservationsProcessed,
            Source = DeviceAnomalyAgent.EventSource,
            Subject = subject,
            // The input's time, not the clock's: reprocessing must produce the same event.
            Time = cloudEvent.Time,
            Data = new ObservationsProcessed
            {
                UserId = batch.UserId,
                Metric = batch.Metric,
                Source = batch.Source,
                DeviceId = batch.DeviceId,
                Unit = batch.Unit,
                Origin = batch.Origin,
                IngestionId = batch.IngestionId,
                SourceEventId = cloudEvent.Id,
                Points = evaluation.Points,
            },
        }, cancellationToken);

        // Issues are independent of each other: awaiting their acknowledgements together saves a round trip each.
        var published = new Task[evaluation.Issues.Count];
        for (var i = 0; i < evaluation.Issues.Count; i++)
        {
            var issue = evaluation.Issues[i];
            // The issue's position in the evaluation tells apart two issues of the same type in one event.
            var id = DerivedEventId.Create(cloudEvent.Source, cloudEvent.Id, "quality", issue.IssueType, i.ToString(CultureInfo.InvariantCulture));
            published[i] = PublishAsync(Topics.DataQualityIssues, key, new CloudEvent<DataQualityIssueDetected>
            {
                Id = id,
                Type = EventTypes.DataQualityIssue,
                Source = DeviceAnomalyAgent.EventSource,
                Subject = subject,
                Time = cloudEvent.Time,
                Data = new DataQualityIssueDetected
                {
                    IssueId = id,
                    UserId = batch.UserId,
                    DeviceId = batch.DeviceId,
                    Source = batch.Source,
                    Metric = batch.Metric,
                    IssueType = issue.IssueType,
                    Severity = issue.Severity,
                    Timestamp = issue.Timestamp,
                    Value = issue.Value,
                    Detail = issue.Detail,
                    DetectedAt = cloudEvent.Time,
                    SourceEventId = cloudEvent.Id,
                },
            }, cancellationToken);
        }
        await Task.WhenAll(published);

        // Only once everything is acknowledged: a failure above retries the event from the same previous state.
        var next = new StreamStateEntry(evaluation.State, context.Partition, context.Offset);
        stateWriter.Enqueue(streamKey, next);
        streams.Set(streamKey, next);
        if (evaluation.MinuteReadings.Count > 0)
        {
            if (recentMinutes is null)
            {
                recentMinutes = new UserRecentMinutes(minutesPerUser);
                users.Set(batch.UserId, recentMinutes);
            }
            foreach (var reading in evaluation.MinuteReadings)
            {
                recentMinutes.Record(reading);
            }
        }
        processedEvents.Set(eventKey, true);
        // Starts a retrain in the background when due; the stream does not wait for it.
        _ = models?.Observe(streamKey, batch.DeviceId, CleanValues(evaluation.Points));

        var interpolated = evaluation.Points.Count(p => p.Interpolated);
        Interlocked.Add(ref pointsProcessed, evaluation.Points.Count - interpolated);
        Interlocked.Add(ref pointsInterpolated, interpolated);
        Interlocked.Add(ref issuesDetected, evaluation.Issues.Count);
    }

    // What the stream's statistics took in: measured, usable, not repeated, possible; raw, before calibration.
    private static IEnumerable<(DateTimeOffset Timestamp, double Value)> CleanValues(IReadOnlyList<ProcessedObservationPoint> points)
    {
        foreach (var point in points)
        {
            if (point.Value is not { } value || point.Interpolated || point.Flags.Contains(QualityFlags.Duplicate)
                || point.Flags.Contains(QualityFlags.OutOfRange) || point.Flags.Contains(QualityFlags.InvalidFormat))
            {
                continue;
            }
            if (point.CalibrationFactor is not null && point.Values?.TryGetValue(DataQualityProcessor.RawValueKey, out var raw) == true)
            {
                value = raw.GetDouble();
            }
            yield return (point.Timestamp, value);
        }
    }

    private async Task<StreamStateEntry?> GetStreamAsync((string UserId, string Source, string Metric) streamKey, CancellationToken cancellationToken)
    {
        if (streams.TryGet(streamKey, out var known) || stateWriter.TryGetPending(streamKey, out known))
        {
            return known;
        }
        try
        {
            return await store.LoadAsync(streamKey, processor.NewState(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Could not load the quality state of stream {Metric} from {Source}; starting it cold", streamKey.Metric, streamKey.Source);
            return null;
        }
    }
}
