using System.Collections.Concurrent;
using VitaSense.Agents.SyncMonitor;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Agents.Agents;

/// <summary>
/// Consumes readings (<see cref="EventTypes.ObservationsIngested"/>) from <see cref="Topics.DeviceDataRaw"/> in its own
/// group <c>agents-sync</c>, tracks each user's sources' sync frequency, latency and conflicts (<see cref="SyncTracker"/>)
/// and publishes a <see cref="SyncStatusChanged"/> to <see cref="Topics.SyncStatus"/> when a source's status changes,
/// with a recovery plan for a delayed or failing one; every <see cref="SyncMonitorOptions.CheckInterval"/> a timer looks
/// for sources that went silent. An event's id derives from the source, its status and its last sync, so a re-check
/// that finds the same change publishes the same id. State is memory only: after a restart a source is tracked again
/// from its next sync.
/// </summary>
public sealed class SyncMonitorAgent : CloudEventConsumer
{
    /// <summary>The sync monitor's consumer group.</summary>
    public const string ConsumerGroup = ConsumerGroups.AgentsSync;

    private readonly SyncTracker tracker;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan checkInterval;
    private readonly ConcurrentDictionary<string, long> changesByStatus = new(StringComparer.Ordinal);
    private long changesPublished;

    /// <summary>Creates the agent and registers its handler; settings from the <c>Agents:Sync</c> section.</summary>
    public SyncMonitorAgent(IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger<SyncMonitorAgent> logger)
        : base(new CloudEventConsumerOptions { GroupId = ConsumerGroup, Topics = [Topics.DeviceDataRaw] }, configuration, environment, timeProvider, logger)
    {
        var options = configuration.GetSection(SyncMonitorOptions.SectionName).Get<SyncMonitorOptions>() ?? new SyncMonitorOptions();
        if (options.UserCapacity <= 0 || options.MaxSourcesPerUser <= 0 || options.IntervalWindow <= 0 || options.CheckInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Agents:Sync capacities and CheckInterval must be positive.");
        }
        tracker = new SyncTracker(options, timeProvider);
        this.timeProvider = timeProvider;
        checkInterval = options.CheckInterval;
        Handle<ObservationsIngested>(EventTypes.ObservationsIngested, OnObservationsIngestedAsync);
    }

    /// <summary>Users whose sources are tracked.</summary>
    public int TrackedUsers => tracker.TrackedUsers;

    /// <summary>Sync status changes published.</summary>
    public long ChangesPublished => Interlocked.Read(ref changesPublished);

    /// <summary>Sync status changes published since the start, by the status changed to.</summary>
    public IReadOnlyDictionary<string, long> ChangesByStatus => new SortedDictionary<string, long>(changesByStatus, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The check lives as long as the consumer: a consumer that stopped on an error must still stop the service.
        using var checking = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var check = CheckSilenceAsync(checking.Token);
        try
        {
            await base.ExecuteAsync(stoppingToken);
        }
        finally
        {
            await checking.CancelAsync();
            await check;
        }
    }

    private async Task OnObservationsIngestedAsync(CloudEvent<ObservationsIngested> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var batch = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(batch.UserId) || string.IsNullOrWhiteSpace(batch.Metric) || string.IsNullOrWhiteSpace(batch.Source)
            || batch.Observations is null)
        {
            throw new PoisonMessageException("The observations event needs a user_id, a metric, a source and observations.");
        }
        if (tracker.Observe(batch) is { } change)
        {
            await PublishAsync(change, cancellationToken);
        }
    }

    private async Task CheckSilenceAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(checkInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var change in tracker.Check())
                    {
                        await PublishAsync(change, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Kafka unreachable or the consumer not started yet: the changes are returned again at the next tick.
                    Logger.LogWarning(ex, "Could not publish sync status changes; retrying in {Interval}", checkInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PublishAsync(SyncStatusChanged change, CancellationToken cancellationToken)
    {
        var subject = change.DeviceId ?? change.Source;
        await PublishAsync(Topics.SyncStatus, change.DeviceId ?? $"{change.UserId}:{change.Source}", new CloudEvent<SyncStatusChanged>
        {
            Id = DerivedEventId.Create("sync", change.UserId, change.Source, change.Status, change.LastSyncAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Type = EventTypes.SyncStatusChanged,
            Source = DeviceAnomalyAgent.EventSource,
            Subject = subject,
            Time = change.OccurredAt,
            Data = change,
        }, cancellationToken);
        // Only once acknowledged: a failed publish leaves the change to be found again.
        tracker.MarkAnnounced(change);
        Interlocked.Increment(ref changesPublished);
        changesByStatus.AddOrUpdate(change.Status, 1, (_, count) => count + 1);
    }
}
