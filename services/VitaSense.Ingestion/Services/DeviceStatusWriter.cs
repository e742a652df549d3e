using System.Diagnostics;
using Microsoft.Extensions.Options;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Ingestion.Services;

/// <summary>
/// The single writer: takes whatever updates are waiting (up to <see cref="DeviceStatusOptions.WriteBatchSize"/>),
/// commits them in one transaction, refreshes the cache, then releases the waiting requests. While one batch
/// commits, the next one gathers, so batches grow with load and the cost of a durable commit is shared.
/// </summary>
public sealed class DeviceStatusWriter(
    DeviceStatusWriteQueue queue,
    DeviceStatusBatchWriter batchWriter,
    LatestStatusCache cache,
    OutboxSignal outboxSignal,
    SchemaReadiness readiness,
    IOptions<DeviceStatusOptions> options,
    ILogger<DeviceStatusWriter> logger) : BackgroundService
{
    private static readonly ActivitySource ActivitySource = new("VitaSense.Ingestion");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var maxBatch = Math.Max(1, options.Value.WriteBatchSize);
        var batch = new List<PendingWrite>(maxBatch);
        var updates = new List<DeviceStatusUpdate>(maxBatch);
        var reader = queue.Reader;

        // Stopping lets the batch in hand finish; the queue is completed on shutdown so the loop ends.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            updates.Clear();
            while (batch.Count < maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                updates.Add(pending.Update);
            }

            using var activity = ActivitySource.StartActivity("device-status batch");
            activity?.SetTag("batch.size", batch.Count);
            try
            {
                var changed = await batchWriter.WriteAsync(updates, CancellationToken.None);
                outboxSignal.Notify();
                // Before releasing the requests, so a client reading right after its 200 sees its own write.
                await cache.SetAsync(changed);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A batch of {Count} device status updates failed; none of it was stored", batch.Count);
                var failure = new DeviceStatusWriteException("The update could not be stored.", ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        // The batch writer is a DI singleton: the container disposes it after every hosted service has stopped,
        // so it is never disposed under a batch still in flight.
        await base.StopAsync(cancellationToken);
    }
}
