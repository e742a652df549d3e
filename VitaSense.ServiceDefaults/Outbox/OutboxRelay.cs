using System.IO.Compression;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.ServiceDefaults.Outbox;

/// <summary>
/// Publishes outbox rows to Kafka in id order and deletes them once Kafka acknowledged them. Rows are claimed
/// with <c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work without publishing a row twice at the same time;
/// a row is deleted only after its delivery report, so a crash or a Kafka outage means at-least-once
/// delivery later, never loss. Consumers dedupe by CloudEvent id.
/// </summary>
public sealed class OutboxRelay(
    OutboxRelayOptions options,
    NpgsqlDataSource dataSource,
    OutboxSignal signal,
    SchemaReadiness readiness,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const long MaxBatchBytes = 8 * 1024 * 1024;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly string table = OutboxTable.QualifiedName(options.Schema);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        ProducerConfig config;
        try
        {
            config = KafkaClientConfig.Producer(configuration, $"{environment.ApplicationName}-outbox-{options.Schema}");
        }
        catch (InvalidOperationException ex)
        {
            // Writes still succeed and wait in the outbox; the service is usable, only events do not flow.
            logger.LogError(ex, "The outbox of {Table} is not relayed: Kafka is not configured", table);
            return;
        }
        // Deliveries must be decided (acknowledged or failed) before the flush gives up waiting for them.
        var flushTimeout = TimeSpan.FromMilliseconds(config.MessageTimeoutMs.GetValueOrDefault(30_000) + 5_000);
        using var producer = new ProducerBuilder<string?, byte[]>(config)
            .SetErrorHandler((_, error) => logger.LogDebug("Kafka: {Reason}", error.Reason))
            .Build();

        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (claimed, published) = await PublishBatchAsync(producer, flushTimeout, stoppingToken);
                if (claimed > 0 && published < claimed)
                {
                    backoff = backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                    logger.LogWarning("Kafka accepted {Published} of {Claimed} outbox messages; retrying in {Backoff}", published, claimed, backoff);
                    await Task.Delay(backoff, stoppingToken);
                    continue;
                }

                backoff = TimeSpan.Zero;
                if (claimed < options.BatchSize)
                {
                    await signal.WaitAsync(options.EffectivePollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the rows are still in the outbox: log, back off, try again.
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                logger.LogWarning(ex, "Outbox relay of {Table} failed; retrying in {Backoff}", table, backoff);
                await Task.Delay(backoff, stoppingToken);
            }
        }
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 6);
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Claims one batch, publishes it, deletes what Kafka acknowledged; returns (claimed, published).</summary>
    private async Task<(int Claimed, int Published)> PublishBatchAsync(IProducer<string?, byte[]> producer, TimeSpan flushTimeout, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = new List<(long Id, string Topic, string? Key, byte[] Payload)>();
        await using (var select = new NpgsqlCommand(
            $"SELECT id, topic, key, payload, content_encoding FROM {table} ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            select.Parameters.AddWithValue("limit", options.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var bytes = 0L;
            // Large events (a bulk ingestion's) are bounded by size too, so one round never holds hundreds of MB;
            // rows claimed but not taken stay in the table for the next round.
            while (bytes < MaxBatchBytes && await reader.ReadAsync(cancellationToken))
            {
                var payload = (byte[])reader[3];
                if (!reader.IsDBNull(4) && reader.GetString(4) == OutboxTable.Gzip)
                {
                    payload = Decompress(payload);
                }
                bytes += payload.Length;
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), payload));
            }
        }

        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return (0, 0);
        }

        using var activity = MessagingTelemetry.ActivitySource.StartActivity("outbox publish");
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.batch.message_count", rows.Count);

        var delivered = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var index = i;
            var row = rows[i];
            var message = new Message<string?, byte[]>
            {
                Key = row.Key,
                Value = row.Payload,
                Headers = CloudEventSerializer.KafkaHeaders(),
            };
            try
            {
                producer.Produce(row.Topic, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        logger.LogDebug("Delivery of outbox row {Id} failed: {Reason}", row.Id, report.Error.Reason);
                    }
                    else
                    {
                        delivered[index] = true;
                    }
                });
            }
            catch (ProduceException<string?, byte[]> ex)
            {
                // A full local queue: publish what was queued, the rest stays for the next round.
                logger.LogDebug(ex, "Producer queue full after {Count} outbox messages", i);
                break;
            }
        }

        await Task.Run(() => producer.Flush(flushTimeout), cancellationToken);

        var publishedIds = rows.Where((_, i) => delivered[i]).Select(r => r.Id).ToArray();
        if (publishedIds.Length > 0)
        {
            await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE id = ANY(@ids)", connection, transaction);
            delete.Parameters.AddWithValue("ids", publishedIds);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        foreach (var topic in rows.Where((_, i) => delivered[i]).GroupBy(r => r.Topic))
        {
            MessagingTelemetry.MessagesPublished.Add(topic.Count(), new KeyValuePair<string, object?>("messaging.destination.name", topic.Key));
        }
        return (rows.Count, publishedIds.Length);
    }
}
