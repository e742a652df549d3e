using Microsoft.Extensions.Options;
using VitaSense.Devices.Integrations;

namespace VitaSense.Devices.Services.Sync;

/// <summary>Runs queued syncs, at most <see cref="IntegrationOptions.SyncConcurrency"/> at once.</summary>
public sealed class SyncWorker(SyncQueue queue, SyncRunner runner, IOptions<IntegrationOptions> options, ILogger<SyncWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.SyncConcurrency), CancellationToken = stoppingToken },
            async (sync, token) =>
            {
                try
                {
                    await runner.RunAsync(sync.SyncId, sync.DeviceId, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The stale-sync sweep fails the row if even recording the failure failed.
                    logger.LogError(ex, "Sync {SyncId} could not be run", sync.SyncId);
                }
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Syncs still queued stay pending; their missing heartbeat gets them failed (see SyncScheduler).
        }
    }
}
