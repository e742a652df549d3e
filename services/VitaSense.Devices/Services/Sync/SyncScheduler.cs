using Microsoft.Extensions.Options;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Integrations;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.Devices.Services.Sync;

/// <summary>
/// Automatic syncs. At start, and every round, fails the syncs a crashed replica left pending or running (their
/// heartbeat is older than <see cref="IntegrationOptions.StaleAfterSeconds"/>), so none stays running after a
/// restart. Every <see cref="IntegrationOptions.SchedulerIntervalSeconds"/> it claims due devices (auto_sync, api,
/// next_sync passed) with a conditional UPDATE ... FOR UPDATE SKIP LOCKED that also moves their next_sync one
/// interval plus jitter ahead, then creates their syncs; the one-active-sync-per-device index turns away a device
/// whose manual sync is still running. Several replicas can run this side by side.
/// </summary>
public sealed class SyncScheduler(
    DeviceSyncStore devices,
    SyncHistoryStore history,
    SyncQueue queue,
    SchemaReadiness schema,
    IOptions<IntegrationOptions> options,
    TimeProvider time,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await schema.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, settings.SchedulerIntervalSeconds)), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sync scheduler round failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: fail stale syncs, then (when enabled) claim due devices and queue their syncs; returns the syncs created.</summary>
    public async Task<IReadOnlyList<Guid>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var failed = await history.FailStaleAsync(TimeSpan.FromSeconds(settings.StaleAfterSeconds), cancellationToken);
        if (failed > 0)
        {
            logger.LogWarning("Failed {Count} syncs left behind by a stopped replica", failed);
        }
        if (!settings.SchedulerEnabled)
        {
            return [];
        }
        var created = new List<Guid>();
        foreach (var (deviceId, userId) in await devices.ClaimDueAsync(settings.SchedulerBatchSize, settings.JitterFraction, cancellationToken))
        {
            if (await history.TryCreateAsync(deviceId, userId, SyncTypes.Automatic, null, 1, cancellationToken) is { } syncId)
            {
                queue.Enqueue(syncId, deviceId);
                created.Add(syncId);
            }
        }
        return created;
    }
}
