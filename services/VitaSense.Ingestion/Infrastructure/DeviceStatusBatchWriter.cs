using Npgsql;
using NpgsqlTypes;
using VitaSense.Contracts;
using VitaSense.Ingestion.Model;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// Stores a batch of updates in one transaction: binary COPY into a session temp table, then one statement that
/// inserts new history rows (a re-sent (device, timestamp) is skipped), writes one outbox event per row actually
/// inserted, and moves each device's latest status forward only when the batch holds a newer timestamp.
/// Either all of it commits or none of it. Used by the single writer only: it keeps one connection open, so the
/// temp table is created once per connection rather than per batch.
/// </summary>
public sealed class DeviceStatusBatchWriter(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private const string CreateStaging = """
        CREATE TEMP TABLE IF NOT EXISTS status_staging (
            seq int NOT NULL,
            user_id text NOT NULL,
            device_id text NOT NULL,
            ts timestamptz NOT NULL,
            battery_level smallint NOT NULL,
            rssi smallint NOT NULL,
            online boolean NOT NULL,
            payload bytea NOT NULL
        ) ON COMMIT DELETE ROWS
        """;

    private const string Copy =
        "COPY pg_temp.status_staging (seq, user_id, device_id, ts, battery_level, rssi, online, payload) FROM STDIN (FORMAT BINARY)";

    private static readonly string Apply = $"""
        WITH inserted AS (
            INSERT INTO ingestion.device_status_history (user_id, device_id, "timestamp", battery_level, rssi, online, received_at)
            SELECT user_id, device_id, ts, battery_level, rssi, online, now() FROM pg_temp.status_staging
            ON CONFLICT (user_id, device_id, "timestamp") DO NOTHING
            RETURNING user_id, device_id, "timestamp"),
        outboxed AS (
            INSERT INTO {OutboxTable.QualifiedName("ingestion")} (topic, key, payload)
            SELECT '{Topics.DeviceDataRaw}', s.device_id, s.payload
            FROM pg_temp.status_staging s
            JOIN inserted i ON i.user_id = s.user_id AND i.device_id = s.device_id AND i."timestamp" = s.ts
            ORDER BY s.seq)
        INSERT INTO ingestion.device_status_latest AS l (user_id, device_id, "timestamp", battery_level, rssi, online, updated_at)
        SELECT DISTINCT ON (user_id, device_id) user_id, device_id, ts, battery_level, rssi, online, now()
        FROM pg_temp.status_staging
        ORDER BY user_id, device_id, ts DESC
        ON CONFLICT (user_id, device_id) DO UPDATE
            SET "timestamp" = EXCLUDED."timestamp", battery_level = EXCLUDED.battery_level, rssi = EXCLUDED.rssi,
                online = EXCLUDED.online, updated_at = EXCLUDED.updated_at
            WHERE l."timestamp" < EXCLUDED."timestamp"
        RETURNING user_id, device_id, "timestamp", battery_level, rssi, online, updated_at
        """;

    private NpgsqlConnection? connection;

    /// <summary>
    /// Commits <paramref name="updates"/> and returns the latest statuses that changed (for the cache).
    /// Throws when the batch did not commit; then nothing of it was stored.
    /// </summary>
    public async Task<IReadOnlyList<LatestStatus>> WriteAsync(IReadOnlyList<DeviceStatusUpdate> updates, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteCoreAsync(updates, cancellationToken);
        }
        catch
        {
            // The connection may be broken or mid-transaction; the next batch starts on a fresh one.
            await DisposeAsync();
            throw;
        }
    }

    private async Task<IReadOnlyList<LatestStatus>> WriteCoreAsync(IReadOnlyList<DeviceStatusUpdate> updates, CancellationToken cancellationToken)
    {
        if (connection is null)
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var create = new NpgsqlCommand(CreateStaging, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken))
        {
            // The same update twice in one batch would otherwise yield two outbox rows from one history row.
            var seen = new HashSet<(string, string, DateTimeOffset)>();
            for (var seq = 0; seq < updates.Count; seq++)
            {
                var update = updates[seq];
                var report = update.Report;
                if (!seen.Add((update.UserId, report.DeviceId, report.Timestamp)))
                {
                    continue;
                }
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(update.UserId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(report.DeviceId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(report.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync((short)report.BatteryLevel, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync((short)report.Rssi, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync(report.Online, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(DeviceStatusEvents.Serialize(update), NpgsqlDbType.Bytea, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }

        var changed = new List<LatestStatus>();
        await using (var apply = new NpgsqlCommand(Apply, connection, transaction))
        await using (var reader = await apply.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                changed.Add(new LatestStatus(reader.GetString(0), new DeviceStatusView(
                    reader.GetString(1), reader.GetDateTime(2), reader.GetInt16(3), reader.GetInt16(4), reader.GetBoolean(5), reader.GetDateTime(6))));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }
}
