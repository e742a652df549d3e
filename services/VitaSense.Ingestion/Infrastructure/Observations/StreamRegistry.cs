using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Ingestion.Model.Observations;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// Resolves (user, metric, source) to its <c>stream_id</c>, creating the stream on first sight. Ids never change,
/// so resolved ones are cached for the life of the process; a batch costs a database round trip only for streams
/// this replica has not met.
/// </summary>
public sealed class StreamRegistry
{
    private const int MaxCached = 200_000;

    private const string Resolve = """
        WITH wanted AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                AS w(user_id, metric, source, device_id, origin, unit)),
        created AS (
            INSERT INTO ingestion.streams (user_id, metric, source, device_id, origin, unit)
            SELECT user_id, metric, source, device_id, origin, unit FROM wanted
            ON CONFLICT (user_id, metric, source) DO NOTHING
            RETURNING stream_id, user_id, metric, source)
        SELECT stream_id, user_id, metric, source FROM created
        UNION ALL
        SELECT s.stream_id, s.user_id, s.metric, s.source
        FROM ingestion.streams s JOIN wanted w USING (user_id, metric, source)
        """;

    private readonly ConcurrentDictionary<(string User, string Metric, string Source), int> cache = new();

    /// <summary>Sets <see cref="StreamRef.Id"/> on every stream of <paramref name="streams"/>.</summary>
    public async Task ResolveAsync(NpgsqlConnection connection, IEnumerable<StreamRef> streams, CancellationToken cancellationToken)
    {
        var missing = new List<StreamRef>();
        foreach (var stream in streams)
        {
            if (stream.Id != 0)
            {
                continue;
            }
            if (cache.TryGetValue((stream.UserId, stream.Metric, stream.Source), out var id))
            {
                stream.Id = id;
            }
            else
            {
                missing.Add(stream);
            }
        }

        // A stream created by a concurrent transaction after this statement's snapshot is neither inserted nor
        // seen; the second round sees it committed.
        for (var attempt = 0; missing.Count > 0; attempt++)
        {
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Could not resolve stream ids for {missing.Count} streams.");
            }
            await ResolveMissingAsync(connection, missing, cancellationToken);
            missing.RemoveAll(s => s.Id != 0);
        }
    }

    private async Task ResolveMissingAsync(NpgsqlConnection connection, List<StreamRef> missing, CancellationToken cancellationToken)
    {
        var distinct = missing.DistinctBy(s => (s.UserId, s.Metric, s.Source)).ToList();
        await using var command = new NpgsqlCommand(Resolve, connection);
        command.Parameters.Add(Texts(distinct.Select(s => s.UserId)));
        command.Parameters.Add(Texts(distinct.Select(s => s.Metric)));
        command.Parameters.Add(Texts(distinct.Select(s => s.Source)));
        command.Parameters.Add(Texts(distinct.Select(s => s.DeviceId)));
        command.Parameters.Add(Texts(distinct.Select(s => s.Origin)));
        command.Parameters.Add(Texts(distinct.Select(s => s.Unit)));

        var resolved = new Dictionary<(string, string, string), int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                resolved[(reader.GetString(1), reader.GetString(2), reader.GetString(3))] = reader.GetInt32(0);
            }
        }

        if (cache.Count > MaxCached)
        {
            cache.Clear();
        }
        foreach (var stream in missing)
        {
            if (resolved.TryGetValue((stream.UserId, stream.Metric, stream.Source), out var id))
            {
                stream.Id = id;
                cache[(stream.UserId, stream.Metric, stream.Source)] = id;
            }
        }
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
