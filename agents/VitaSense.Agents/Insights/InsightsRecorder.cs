using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Agents.Insights;

/// <summary>
/// Records what the agents publish for the read side: device anomalies (<see cref="Topics.DeviceAnomalies"/>),
/// quality issues (<see cref="Topics.DataQualityIssues"/>) and daily aggregates of processed readings
/// (<see cref="Topics.DeviceDataProcessed"/>) per user in PostgreSQL, in its own group <c>agents-insights</c>; and
/// relays each processed event to its device's live stream (<see cref="ProcessedStreamHub"/>).
/// <para>Idempotent: anomalies and issues are keyed by their ids, and a processed event is added to the daily values in
/// the same transaction that records its id, so redelivery changes nothing. A database failure is retried by the
/// consumer (with backoff) and only then dead-lettered; a Redis failure only costs live subscribers that event.</para>
/// </summary>
public sealed class InsightsRecorder : CloudEventConsumer
{
    /// <summary>The recorder's consumer group.</summary>
    public const string ConsumerGroup = ConsumerGroups.AgentsInsights;

    // About a minute of backoff (0.5 s doubling to 30 s): rides out a database restart before dead-lettering.
    private const int MaxAttempts = 8;

    private readonly InsightsStore store;
    private readonly ProcessedStreamHub hub;
    private long streamFailures;

    /// <summary>Creates the recorder and registers its handlers.</summary>
    public InsightsRecorder(InsightsStore store, ProcessedStreamHub hub, IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger<InsightsRecorder> logger)
        : base(new CloudEventConsumerOptions
        {
            GroupId = ConsumerGroup,
            Topics = [Topics.DeviceAnomalies, Topics.DataQualityIssues, Topics.DeviceDataProcessed],
            MaxHandlerAttempts = MaxAttempts,
        }, configuration, environment, timeProvider, logger)
    {
        this.store = store;
        this.hub = hub;
        Handle<DeviceAnomalyDetected>(EventTypes.DeviceAnomalyDetected, OnAnomalyAsync);
        Handle<DataQualityIssueDetected>(EventTypes.DataQualityIssue, OnQualityIssueAsync);
        Handle<ObservationsProcessed>(EventTypes.ObservationsProcessed, OnProcessedAsync);
    }

    /// <summary>Processed events that could not be relayed to live subscribers.</summary>
    public long StreamFailures => Interlocked.Read(ref streamFailures);

    private Task OnAnomalyAsync(CloudEvent<DeviceAnomalyDetected> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var anomaly = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(cloudEvent.Id) || string.IsNullOrWhiteSpace(anomaly.UserId) || string.IsNullOrWhiteSpace(anomaly.DeviceId)
            || string.IsNullOrWhiteSpace(anomaly.AnomalyType) || string.IsNullOrWhiteSpace(anomaly.Severity))
        {
            throw new PoisonMessageException("The anomaly event needs an id, a user_id, a device_id, an anomaly_type and a severity.");
        }
        return store.AddAnomalyAsync(cloudEvent.Id, anomaly, cancellationToken);
    }

    private Task OnQualityIssueAsync(CloudEvent<DataQualityIssueDetected> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var issue = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(issue.IssueId) || string.IsNullOrWhiteSpace(issue.UserId) || string.IsNullOrWhiteSpace(issue.Source)
            || string.IsNullOrWhiteSpace(issue.Metric) || string.IsNullOrWhiteSpace(issue.IssueType))
        {
            throw new PoisonMessageException("The quality issue event needs an issue_id, a user_id, a source, a metric and an issue_type.");
        }
        return store.AddQualityIssueAsync(issue, cancellationToken);
    }

    private async Task OnProcessedAsync(CloudEvent<ObservationsProcessed> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var batch = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(batch.UserId) || string.IsNullOrWhiteSpace(batch.Metric) || string.IsNullOrWhiteSpace(batch.Source)
            || batch.Points is null || batch.Points.Any(p => p is null || p.Flags is null))
        {
            throw new PoisonMessageException("The processed observations event needs a user_id, a metric, a source and points with flags.");
        }

        var recorded = await store.AddDailyReadingsAsync($"{cloudEvent.Source}\n{cloudEvent.Id}", batch.UserId, batch.Metric, DailyMetrics.Readings(batch), cancellationToken);
        if (!recorded)
        {
            Statistics.RecordDuplicate();
            return;
        }

        try
        {
            await hub.PublishAsync(cloudEvent.Id, batch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref streamFailures);
            Logger.LogWarning(ex, "Could not relay processed event {EventId} to live subscribers", cloudEvent.Id);
        }
    }
}
