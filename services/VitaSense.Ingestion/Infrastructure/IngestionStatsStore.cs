using Npgsql;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Model.Stats;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>Reads one user's figures for <c>GET /api/v1/stats</c>; every query is filtered by the user.</summary>
public sealed class IngestionStatsStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly string RowsByType = $"""
        WITH mine AS (SELECT stream_id, metric FROM ingestion.streams WHERE user_id = $1)
        SELECT metric, sum(n)::bigint FROM (
            {string.Join("\n    UNION ALL\n    ", ObservationTables.All.Where(t => t.Counted).Select(t =>
                $"SELECT m.metric, count(*) AS n FROM ingestion.{t.Table} o JOIN mine m USING (stream_id) GROUP BY m.metric"))}
        ) counts GROUP BY metric ORDER BY metric
        """;

    private const string Rates = """
        SELECT count(*) FILTER (WHERE received_at > now() - interval '1 hour'),
               count(*),
               coalesce(sum((summary -> 'totals' ->> 'accepted')::bigint) FILTER (WHERE received_at > now() - interval '1 hour'), 0)::bigint,
               coalesce(sum((summary -> 'totals' ->> 'accepted')::bigint), 0)::bigint,
               coalesce(sum(bytes_received), 0)::bigint,
               (SELECT count(*) FROM ingestion.streams WHERE user_id = $1)
        FROM ingestion.raw_ingestions
        WHERE user_id = $1 AND received_at > now() - interval '1 day'
        """;

    private const string LastSyncs = """
        SELECT DISTINCT ON (api_key_id) api_key_id, kind, received_at, status, count(*) OVER (PARTITION BY api_key_id)
        FROM ingestion.raw_ingestions
        WHERE user_id = $1
        ORDER BY api_key_id, received_at DESC
        """;

    /// <summary>The figures of <paramref name="userId"/>.</summary>
    public async Task<IngestionStats> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using (var command = Command(connection, RowsByType, userId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        IngestionRates rates;
        long streams;
        await using (var command = Command(connection, Rates, userId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            rates = new IngestionRates(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            streams = reader.GetInt64(5);
        }

        var lastSyncs = new List<KeyLastSync>();
        await using (var command = Command(connection, LastSyncs, userId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lastSyncs.Add(new KeyLastSync(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1),
                    reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetInt64(4)));
            }
        }

        return new IngestionStats
        {
            RowsByType = rows,
            TotalRows = rows.Values.Sum(),
            Streams = streams,
            Rates = rates,
            LastSyncByKey = lastSyncs,
            GeneratedAt = time.GetUtcNow(),
        };
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string userId) =>
        new(sql, connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = userId } } };
}
