using System.IO.Compression;
using Npgsql;
using NpgsqlTypes;

namespace VitaSense.Ingestion.Infrastructure.RawIngestions;

/// <summary>
/// The raw backup: a row per payload in <c>ingestion.raw_ingestions</c> and its bytes, in order, as compressed
/// blocks in <c>ingestion.raw_ingestion_chunks</c>. Each block is committed before the readings parsed from it,
/// so every stored reading can be traced to, and replayed from, the bytes that carried it.
/// </summary>
public sealed class RawIngestionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records the start of an ingestion (and its Health Auto Export session); returns its id.</summary>
    public async Task<long> BeginAsync(RawIngestion ingestion, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            WITH raw AS (
                INSERT INTO ingestion.raw_ingestions (user_id, api_key_id, kind, device_id, session_id, headers, content_type)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
                RETURNING ingestion_id, user_id, api_key_id, kind, device_id, session_id),
            audit AS (
                INSERT INTO ingestion.audit_log (user_id, api_key_id, action, resource, ingestion_id, details)
                SELECT user_id, api_key_id, 'ingest', kind, ingestion_id,
                       jsonb_strip_nulls(jsonb_build_object('device_id', device_id, 'session_id', session_id))
                FROM raw)
            SELECT ingestion_id FROM raw
            """, ingestion.UserId, ingestion.ApiKeyId, ingestion.Kind, ingestion.DeviceId, ingestion.SessionId, ingestion.Headers, ingestion.ContentType));
        if (ingestion.SessionId is not null)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO ingestion.sync_sessions AS s (user_id, session_id, automation, requests)
                VALUES ($1, $2, $3::jsonb, 1)
                ON CONFLICT (user_id, session_id) DO UPDATE
                    SET last_seen_at = now(), requests = s.requests + 1, automation = coalesce(EXCLUDED.automation, s.automation)
                """, ingestion.UserId, ingestion.SessionId, ingestion.Headers));
        }
        return (long)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Compresses and stores block <paramref name="seq"/> of the body.</summary>
    public Task WriteChunkAsync(long ingestionId, int seq, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken) =>
        WriteCompressedChunkAsync(ingestionId, seq, Compress(raw.Span), raw.Length, cancellationToken);

    /// <summary>Stores block <paramref name="seq"/> of the body, already gzipped (one gzip member).</summary>
    public async Task WriteCompressedChunkAsync(long ingestionId, int seq, byte[] compressed, int rawLength, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO ingestion.raw_ingestion_chunks (ingestion_id, seq, raw_length, compressed) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ingestionId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = seq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rawLength });
        command.Parameters.Add(new NpgsqlParameter { Value = compressed, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records how the ingestion ended, with its summary as JSON.</summary>
    public async Task CompleteAsync(long ingestionId, string status, long bytesReceived, string? error, string? summaryJson, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE ingestion.raw_ingestions
            SET status = $2, bytes_received = $3, error = $4, summary = $5::jsonb, completed_at = now()
            WHERE ingestion_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ingestionId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bytesReceived });
        command.Parameters.Add(Text(error));
        command.Parameters.Add(Text(summaryJson));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The kind of ingestion <paramref name="ingestionId"/> if it belongs to <paramref name="userId"/>; null otherwise.</summary>
    public async Task<string?> FindKindAsync(string userId, long ingestionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT kind FROM ingestion.raw_ingestions WHERE ingestion_id = $1 AND user_id = $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ingestionId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Writes the stored body of <paramref name="ingestionId"/>, decompressed, to <paramref name="destination"/>.</summary>
    public async Task CopyBodyToAsync(long ingestionId, Stream destination, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT compressed FROM ingestion.raw_ingestion_chunks WHERE ingestion_id = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ingestionId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await using var block = new GZipStream(reader.GetStream(0), CompressionMode.Decompress);
            await block.CopyToAsync(destination, cancellationToken);
        }
    }

    // gzip at its fastest level: the backup must not slow ingestion down, and JSON still shrinks several-fold.
    private static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream(raw.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }
        return output.ToArray();
    }

    /// <summary>Appends to the audit log: who did <paramref name="action"/> to what.</summary>
    public async Task AuditAsync(string userId, string? apiKeyId, string action, string resource, long? ingestionId, string? detailsJson, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ingestion.audit_log (user_id, api_key_id, action, resource, ingestion_id, details)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb)
            """);
        command.Parameters.Add(Text(userId));
        command.Parameters.Add(Text(apiKeyId));
        command.Parameters.Add(Text(action));
        command.Parameters.Add(Text(resource));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)ingestionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(Text(detailsJson));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params string?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(Text(value));
        }
        return command;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
