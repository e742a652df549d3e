namespace VitaSense.Agents.Insights;

/// <summary>
/// Keeps <c>agents.recorded_events</c> bounded: hourly, it forgets processed events recorded more than
/// <see cref="Retention"/> ago. Far longer than any Kafka topic retention here, so a redelivery still finds its id;
/// a failed run is logged and retried the next hour.
/// </summary>
public sealed class InsightsRetention(InsightsStore store, TimeProvider timeProvider, ILogger<InsightsRetention> logger) : BackgroundService
{
    /// <summary>How long a processed event's id is remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Forgets the ids older than <see cref="Retention"/>; returns how many.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken) =>
        store.PruneRecordedEventsAsync(timeProvider.GetUtcNow() - Retention, cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    var pruned = await PruneAsync(stoppingToken);
                    logger.LogDebug("Forgot {Count} recorded processed events", pruned);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not prune recorded processed events; retrying in {Interval}", Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
