using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Model;
using VitaSense.Ingestion.Model.DeviceData;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Ingestion.Services.Devices;

/// <summary>
/// Stores one device upload: the body goes to the raw backup before anything is read from it (so even a refused
/// upload is on record and any upload can be replayed), then its readings are committed in one batch with their
/// outbox events, and the backup is marked with the outcome.
/// </summary>
public sealed class DeviceDataIngestor(
    NpgsqlDataSource dataSource,
    StreamRegistry streams,
    RawIngestionStore rawStore,
    OutboxSignal outboxSignal,
    IOptions<DeviceDataOptions> options,
    TimeProvider time,
    ILogger<DeviceDataIngestor> logger)
{
    /// <summary>Kind of the raw ingestions of device uploads.</summary>
    public const string Kind = "device_data";

    /// <summary>Stores <paramref name="body"/>, uploaded for <paramref name="deviceId"/> by <paramref name="caller"/>; database failures propagate.</summary>
    public async Task<DeviceUploadOutcome> IngestAsync(Caller caller, string deviceId, byte[] body, string? contentType, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var ingestionId = await rawStore.BeginAsync(new RawIngestion(caller.UserId, caller.ApiKeyId, Kind, deviceId, null, null, contentType), cancellationToken);
        try
        {
            await rawStore.WriteChunkAsync(ingestionId, 0, body, cancellationToken);

            var errors = new List<FieldError>();
            using var document = DeviceUploadParser.Open(body, errors);
            if (document is null || DeviceUploadParser.Parse(document.RootElement, settings.MaxValues, errors) is not { } upload)
            {
                await rawStore.CompleteAsync(ingestionId, IngestionSummary.Rejected, body.Length,
                    string.Join("; ", errors.Select(e => $"{string.Join('.', e.Loc)}: {e.Msg}")), null, cancellationToken);
                return new DeviceUploadOutcome(null, errors);
            }

            var result = new DeviceDataUploadResult
            {
                DeviceId = deviceId,
                DataType = upload.DataType,
                IngestionId = ingestionId,
                Unit = upload.Definition?.CanonicalUnit,
            };
            var mapper = new DeviceDataRowMapper(caller.UserId, deviceId, upload, time.GetUtcNow().AddSeconds(settings.FutureToleranceSeconds), result);
            var batch = mapper.Map();
            if (mapper.Stream is { } stream)
            {
                await using var writer = await ObservationWriter.OpenAsync(dataSource, streams, ingestionId, cancellationToken);
                var stored = await writer.WriteAsync(batch, cancellationToken);
                outboxSignal.Notify();
                result.Accepted = stored.GetValueOrDefault(stream);
                result.Duplicates = mapper.Staged - result.Accepted;
            }

            var status = result.Status == IngestionSummary.Accepted ? "completed" : result.Status;
            await rawStore.CompleteAsync(ingestionId, status, body.Length, null, JsonSerializer.Serialize(result), cancellationToken);
            return new DeviceUploadOutcome(result, []);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Device upload {IngestionId} for {DeviceId} failed", ingestionId, deviceId);
            await TryMarkFailedAsync(ingestionId, body.Length, ex);
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
}
