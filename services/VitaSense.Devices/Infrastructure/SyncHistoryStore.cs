using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Services.Sync;

namespace VitaSense.Devices.Infrastructure;

/// <summary>
/// <c>devices.sync_history</c> and <c>devices.sync_cursors</c>. A sync is created <c>pending</c> only if the device has
/// no pending or running sync: the partial unique index makes that hold across replicas. A running sync's
/// heartbeat lets any replica fail the syncs a crashed one left behind.
/// </summary>
public sealed class SyncHistoryStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = """
        sync_id, device_id, sync_type, status, start_time, end_time, duration_seconds, records_processed, records_synced,
        records_failed, error_message, error_details::text, retry_of, attempt
        """;

    /// <summary>Creates a pending sync of the device; null when one is already pending or running.</summary>
    public async Task<Guid?> TryCreateAsync(Guid deviceId, string userId, string syncType, Guid? retryOf, int attempt, CancellationToken cancellationToken)
    {
        var syncId = Guid.CreateVersion7(time.GetUtcNow());
        await using var command = dataSource.CreateCommand("""
            INSERT INTO devices.sync_history (sync_id, device_id, user_id, sync_type, status, start_time, retry_of, attempt, heartbeat_at)
            VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $5)
            ON CONFLICT (device_id) WHERE status IN ('pending', 'running') DO NOTHING
            RETURNING sync_id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = syncId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = syncType });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)retryOf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempt });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>Moves a pending sync to running on behalf of <paramref name="runner"/>; false when it is not pending any more.</summary>
    public async Task<bool> StartAsync(Guid syncId, string runner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE devices.sync_history SET status = 'running', start_time = $2, heartbeat_at = $2, runner = $3
            WHERE sync_id = $1 AND status = 'pending'
            RETURNING device_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = syncId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runner });
        if (await command.ExecuteScalarAsync(cancellationToken) is not Guid deviceId)
        {
            return false;
        }
        await using var device = new NpgsqlCommand("UPDATE devices.devices SET sync_status = 'running' WHERE device_id = $1", connection, transaction);
        device.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        await device.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Proves the syncs are alive.</summary>
    public async Task HeartbeatAsync(IReadOnlyCollection<Guid> syncIds, CancellationToken cancellationToken)
    {
        if (syncIds.Count == 0)
        {
            return;
        }
        await using var command = dataSource.CreateCommand(
            "UPDATE devices.sync_history SET heartbeat_at = $2 WHERE sync_id = ANY($1) AND status IN ('pending', 'running')");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. syncIds] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Completes a sync: counts, the advanced cursors and the device's last/next sync, in one transaction, so a
    /// cursor never moves past readings that were not delivered.
    /// </summary>
    public async Task CompleteAsync(Guid syncId, Guid deviceId, int processed, int synced, int failed, JsonElement? details,
        IReadOnlyDictionary<string, SyncCursor> cursors, int? intervalMinutes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (dataType, cursor) in cursors)
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO devices.sync_cursors (device_id, data_type, cursor, last_fetched_until, updated_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (device_id, data_type) DO UPDATE
                    SET cursor = EXCLUDED.cursor, last_fetched_until = EXCLUDED.last_fetched_until, updated_at = EXCLUDED.updated_at
                """, connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dataType });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)cursor.Cursor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cursor.FetchedUntil.ToUniversalTime() });
            upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await FinishAsync(connection, transaction, syncId, SyncTypes.Completed, processed, synced, failed, null, details, now, cancellationToken);
        await using var device = new NpgsqlCommand("""
            UPDATE devices.devices SET last_sync = $2, sync_status = 'successful',
                next_sync = CASE WHEN $3::int IS NULL THEN next_sync ELSE greatest(coalesce(next_sync, $2), $2 + make_interval(mins => $3::int)) END
            WHERE device_id = $1
            """, connection, transaction);
        device.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        device.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        device.Parameters.Add(new NpgsqlParameter { Value = (object?)intervalMinutes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        await device.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Fails a sync with a message and details; the device's sync_status becomes <c>failed</c>.</summary>
    public async Task FailAsync(Guid syncId, Guid deviceId, string message, JsonElement? details, int processed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await FinishAsync(connection, transaction, syncId, SyncTypes.Failed, processed, 0, 0, message, details, now, cancellationToken);
        await using var device = new NpgsqlCommand("UPDATE devices.devices SET sync_status = 'failed' WHERE device_id = $1", connection, transaction);
        device.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        await device.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records a finished push (vendor webhook) sync in one go.</summary>
    public async Task RecordPushAsync(Guid deviceId, string userId, DateTimeOffset started, int processed, int synced, int failed, string? error,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            WITH recorded AS (
                INSERT INTO devices.sync_history (sync_id, device_id, user_id, sync_type, status, start_time, end_time, duration_seconds,
                    records_processed, records_synced, records_failed, error_message, attempt, heartbeat_at)
                VALUES ($1, $2, $3, 'push', $4, $5, $6, $7, $8, $9, $10, $11, 1, $6)
                RETURNING device_id)
            UPDATE devices.devices SET last_sync = $6, last_seen = $6, sync_status = CASE WHEN $11::text IS NULL THEN 'successful' ELSE 'failed' END
            WHERE device_id IN (SELECT device_id FROM recorded)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7(now) });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error is null ? SyncTypes.Completed : SyncTypes.Failed });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = started.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = (now - started).TotalSeconds });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = processed });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = synced });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = failed });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Fails every pending or running sync whose heartbeat is older than <paramref name="staleAfter"/>: its replica
    /// crashed or was killed. Returns how many.
    /// </summary>
    public async Task<int> FailStaleAsync(TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            WITH stale AS (
                UPDATE devices.sync_history SET status = 'failed', end_time = $1,
                    duration_seconds = extract(epoch FROM $1 - start_time),
                    error_message = 'The sync was interrupted: the service running it stopped before it finished.',
                    error_details = jsonb_build_object('kind', 'interrupted', 'runner', runner, 'last_heartbeat', heartbeat_at)
                WHERE status IN ('pending', 'running') AND heartbeat_at < $2
                RETURNING device_id)
            UPDATE devices.devices SET sync_status = 'failed' WHERE device_id IN (SELECT device_id FROM stale)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - staleAfter });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The sync if it is <paramref name="userId"/>'s.</summary>
    public async Task<SyncRecord?> GetAsync(Guid syncId, string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM devices.sync_history WHERE sync_id = $1 AND user_id = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = syncId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The user's syncs, newest first, filtered; with the total matching.</summary>
    public async Task<(IReadOnlyList<SyncRecord> Syncs, long Total)> HistoryAsync(string userId, Guid? deviceId, string? status, int limit, int offset,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, count(*) OVER () FROM devices.sync_history
            WHERE user_id = $1 AND ($2::uuid IS NULL OR device_id = $2) AND ($3::text IS NULL OR status = $3)
            ORDER BY start_time DESC, sync_id DESC LIMIT $4 OFFSET $5
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)deviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = offset });
        var syncs = new List<SyncRecord>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            syncs.Add(Read(reader));
            total = reader.GetInt64(14);
        }
        if (syncs.Count == 0 && offset > 0)
        {
            // Past the last page the window function has no row to report the total on.
            await reader.DisposeAsync();
            await using var count = dataSource.CreateCommand("""
                SELECT count(*) FROM devices.sync_history
                WHERE user_id = $1 AND ($2::uuid IS NULL OR device_id = $2) AND ($3::text IS NULL OR status = $3)
                """);
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            count.Parameters.Add(new NpgsqlParameter { Value = (object?)deviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            count.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        return (syncs, total);
    }

    /// <summary>The user's pending or running syncs by device.</summary>
    public async Task<IReadOnlyDictionary<Guid, SyncRecord>> ActiveAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM devices.sync_history WHERE user_id = $1 AND status IN ('pending', 'running')");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        var active = new Dictionary<Guid, SyncRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sync = Read(reader);
            active[sync.DeviceId] = sync;
        }
        return active;
    }

    /// <summary>The device's cursors by data type.</summary>
    public async Task<IReadOnlyDictionary<string, SyncCursor>> CursorsAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT data_type, last_fetched_until, cursor FROM devices.sync_cursors WHERE device_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deviceId });
        var cursors = new Dictionary<string, SyncCursor>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cursors[reader.GetString(0)] = new SyncCursor(reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return cursors;
    }

    /// <summary>
    /// Success rate, duration percentiles and records per sync of the user's finished syncs, per device (by
    /// <c>device_id</c>) and overall (null device id), since <paramref name="since"/>.
    /// </summary>
    public async Task<IReadOnlyList<SyncPerformance>> PerformanceAsync(string userId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT device_id, count(*), count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_seconds),
                percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_seconds),
                avg(records_synced)::float8, coalesce(sum(records_synced), 0)::bigint, max(end_time)
            FROM devices.sync_history
            WHERE user_id = $1 AND status IN ('completed', 'failed') AND ($2::timestamptz IS NULL OR start_time >= $2)
            GROUP BY GROUPING SETS ((device_id), ())
            ORDER BY device_id NULLS FIRST
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)since ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var rows = new List<SyncPerformance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var total = reader.GetInt64(1);
            var completed = reader.GetInt64(2);
            rows.Add(new SyncPerformance(
                reader.IsDBNull(0) ? null : reader.GetGuid(0),
                total,
                completed,
                reader.GetInt64(3),
                total == 0 ? null : Math.Round((double)completed / total, 4),
                reader.IsDBNull(4) ? null : Math.Round(reader.GetDouble(4), 3),
                reader.IsDBNull(5) ? null : Math.Round(reader.GetDouble(5), 3),
                reader.IsDBNull(6) ? null : Math.Round(reader.GetDouble(6), 2),
                reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return rows;
    }

    private static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid syncId, string status, int processed, int synced,
        int failed, string? message, JsonElement? details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE devices.sync_history SET status = $2, end_time = $3, duration_seconds = extract(epoch FROM $3 - start_time),
                records_processed = $4, records_synced = $5, records_failed = $6, error_message = $7, error_details = $8::jsonb
            WHERE sync_id = $1
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = syncId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = processed });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = synced });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = failed });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)message ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = details is { } d ? d.GetRawText() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SyncRecord Read(NpgsqlDataReader reader) => new()
    {
        SyncId = reader.GetGuid(0),
        DeviceId = reader.GetGuid(1),
        SyncType = reader.GetString(2),
        Status = reader.GetString(3),
        StartTime = reader.GetFieldValue<DateTimeOffset>(4),
        EndTime = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        DurationSeconds = reader.IsDBNull(6) ? null : Math.Round(reader.GetDouble(6), 3),
        RecordsProcessed = reader.GetInt32(7),
        RecordsSynced = reader.GetInt32(8),
        RecordsFailed = reader.GetInt32(9),
        ErrorMessage = reader.IsDBNull(10) ? null : reader.GetString(10),
        ErrorDetails = reader.IsDBNull(11) ? null : JsonDocument.Parse(reader.GetString(11)).RootElement.Clone(),
        RetryOf = reader.IsDBNull(12) ? null : reader.GetGuid(12),
        Attempt = reader.GetInt32(13),
    };
}
