using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Model.HealthExport;
using VitaSense.Ingestion.Model.Observations;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Ingestion.Services.Sync;

/// <summary>
/// Ingests one Health Auto Export body as it streams in: the reader parses and maps entries into batches on the
/// request's thread while the previous batch is being committed, so parsing and the database work overlap; at
/// most two batches are in memory whatever the body's size. Each batch's raw bytes are committed to the backup
/// before its rows.
/// </summary>
public sealed class HealthExportIngestor(
    NpgsqlDataSource dataSource,
    StreamRegistry streams,
    RawIngestionStore rawStore,
    OutboxSignal outboxSignal,
    IOptions<SyncOptions> options,
    IngestionMetrics metrics,
    TimeProvider time,
    ILogger<HealthExportIngestor> logger)
{
    private sealed record PendingBatch(ObservationBatch? Batch, (byte[] Compressed, int RawLength) Raw);

    /// <summary>
    /// Reads <paramref name="body"/> to its end and stores what it holds. Throws <see cref="IngestionFailedException"/>
    /// when the body is not a readable payload; database failures propagate as they are.
    /// </summary>
    public async Task<IngestionSummary> IngestAsync(Stream body, RawIngestion ingestion, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        var ingestionId = await rawStore.BeginAsync(ingestion, cancellationToken);
        var summary = new IngestionSummary { IngestionId = ingestionId, SessionId = ingestion.SessionId };
        await using var capture = new RawCaptureStream(body, settings.MaxRequestBodyBytes);
        try
        {
            await RunAsync(capture, ingestion.UserId, ingestionId, summary, settings, cancellationToken);
            summary.ReceivedBytes = capture.BytesRead;
            summary.ElapsedMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            summary.Complete();
            var status = summary.Status == IngestionSummary.Accepted ? "completed" : summary.Status;
            await rawStore.CompleteAsync(ingestionId, status, capture.BytesRead, null, Serialize(summary), cancellationToken);
            metrics.Record(ingestion.Kind, summary);
            return summary;
        }
        catch (Exception ex) when (ex is HealthExportFormatException or PayloadTooLargeException or BadHttpRequestException)
        {
            summary.ReceivedBytes = capture.BytesRead;
            summary.ElapsedMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            summary.Complete();
            summary.Status = IngestionSummary.Rejected;
            await rawStore.CompleteAsync(ingestionId, "rejected", capture.BytesRead, ex.Message, Serialize(summary), CancellationToken.None);
            metrics.Record(ingestion.Kind, summary);
            throw new IngestionFailedException(ex.Message, summary, ex);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Ingestion {IngestionId} failed after {Bytes} bytes", ingestionId, capture.BytesRead);
            await TryMarkFailedAsync(ingestionId, capture.BytesRead, ex);
            throw;
        }
    }

    private async Task RunAsync(RawCaptureStream capture, string userId, long ingestionId, IngestionSummary summary, SyncOptions settings, CancellationToken cancellationToken)
    {
        var mapper = new HealthExportRowMapper(userId, time.GetUtcNow(), TimeSpan.FromSeconds(settings.FutureToleranceSeconds), summary);
        var accepted = new Dictionary<StreamRef, long>();
        var channel = Channel.CreateBounded<PendingBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        // Batches go back and forth rather than being allocated anew: their lists keep their capacity, so a large
        // payload does not churn the large-object heap with a new set of arrays per batch.
        var free = Channel.CreateUnbounded<ObservationBatch>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var writer = await ObservationWriter.OpenAsync(dataSource, streams, ingestionId, cancellationToken);

        var committer = Task.Run(() => CommitAsync(channel.Reader, free.Writer, writer, ingestionId, accepted, stop), CancellationToken.None);
        ExceptionDispatchInfo? readFailure = null;
        try
        {
            var reader = new HealthExportReader(capture, maxEntryBytes: settings.MaxEntryBytes);
            var batch = new ObservationBatch();
            await foreach (var item in reader.ReadAsync(stop.Token))
            {
                mapper.Add(item, batch);
                if (batch.Count >= settings.BatchSize)
                {
                    await channel.Writer.WriteAsync(new PendingBatch(batch, capture.TakeCaptured()), stop.Token);
                    batch = free.Reader.TryRead(out var recycled) ? recycled : new ObservationBatch();
                }
            }
            summary.SkippedCollections.UnionWith(reader.SkippedCollections);
            await channel.Writer.WriteAsync(new PendingBatch(batch, capture.TakeCaptured()), stop.Token);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            readFailure = ExceptionDispatchInfo.Capture(ex);
            // What arrived is still backed up, though none of the unfinished batch is stored.
            await channel.Writer.WriteAsync(new PendingBatch(null, capture.TakeCaptured()), stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The committer failed and stopped the reading; its exception is the one to report, below.
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        await committer;

        foreach (var (stream, count) in mapper.Staged)
        {
            var type = summary.For(stream.Metric);
            var stored = accepted.GetValueOrDefault(stream);
            type.Accepted += stored;
            // After a read failure the last batch was never written, so what was not stored is unknown, not duplicate.
            type.Duplicates += readFailure is null ? count - stored : 0;
        }
        readFailure?.Throw();
    }

    private async Task CommitAsync(ChannelReader<PendingBatch> batches, ChannelWriter<ObservationBatch> free, ObservationWriter writer, long ingestionId,
        Dictionary<StreamRef, long> accepted, CancellationTokenSource stop)
    {
        try
        {
            var seq = 0;
            await foreach (var pending in batches.ReadAllAsync(stop.Token))
            {
                // The raw bytes are backed up on their own connection while the rows are copied; the rows commit only
                // after the backup has (a tenth of a large sync's time when done one after the other).
                var backup = pending.Raw.RawLength > 0
                    ? rawStore.WriteCompressedChunkAsync(ingestionId, seq++, pending.Raw.Compressed, pending.Raw.RawLength, stop.Token)
                    : Task.CompletedTask;
                try
                {
                    if (pending.Batch is { Count: > 0 } batch)
                    {
                        foreach (var (stream, count) in await writer.WriteAsync(batch, backup, stop.Token))
                        {
                            accepted[stream] = accepted.GetValueOrDefault(stream) + count;
                        }
                        outboxSignal.Notify();
                        batch.Clear();
                        free.TryWrite(batch);
                    }
                    await backup;
                }
                catch
                {
                    // The write's failure is the one reported; the backup is still finished (or failed) before the next.
                    await backup.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    throw;
                }
            }
        }
        catch
        {
            // Stops the reader: there is no point parsing what can no longer be stored.
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task TryMarkFailedAsync(long ingestionId, long bytes, Exception error)
    {
        try
        {
            await rawStore.CompleteAsync(ingestionId, "failed", bytes, error.GetType().Name, null, CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not mark ingestion {IngestionId} as failed", ingestionId);
        }
    }

    private static string Serialize(IngestionSummary summary) => JsonSerializer.Serialize(summary);
}
