using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.Records;
using VitaSense.Tracking.Model.Sleep;

namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>
/// Stores the sleep of one device-stream event: nightly totals as sessions, and stage segments in
/// <c>tracking.sleep_stage_segments</c> with one session per night recomputed (<see cref="SleepNights"/>) from all
/// stored segments of that night, so a night whose segments came in several events (in any order) is one session.
/// A night that a nightly total of the same source covers gets no stage-derived session. Everything of one event
/// happens in one transaction that holds an advisory lock on (user, source): replicas consuming two halves of a night
/// at once take turns, and the second sees the first's segments.
/// </summary>
public sealed class DeviceSleepStore(NpgsqlDataSource dataSource)
{
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtext('tracking.sleep_stage_segments'), hashtext($1::text || chr(31) || $2::text))";

    private const string InsertSegmentsSql = """
        INSERT INTO tracking.sleep_stage_segments (user_id, source, start_time, end_time, stage, utc_offset, device_id)
        SELECT $1, $2, s.start_time, s.end_time, s.stage, s.utc_offset, s.device_id
        FROM unnest($3::timestamptz[], $4::timestamptz[], $5::text[], $6::smallint[], $7::text[]) AS s(start_time, end_time, stage, utc_offset, device_id)
        ON CONFLICT DO NOTHING
        RETURNING start_time, end_time, stage, utc_offset, device_id
        """;

    // Segments within Gap of the window; none lasts longer than a session, which bounds the start from below.
    private const string NearSegmentsSql = """
        SELECT start_time, end_time, stage, utc_offset, device_id
        FROM tracking.sleep_stage_segments
        WHERE user_id = $1 AND source = $2 AND start_time >= $3 AND start_time <= $4 AND end_time >= $5
        """;

    // Sessions last at most SleepRules.MaxSession ($5), which bounds the start from below on the (user, start) index.
    private const string OverlapFilter = """
        user_id = $1 AND source = 'device' AND start_time > $3::timestamptz - $5::interval AND start_time < $4 AND end_time > $3
        """;

    private const string DeleteStageSessionsSql = $"""
        DELETE FROM tracking.sleep_sessions
        WHERE {OverlapFilter} AND starts_with(source_ref, $2) AND NOT (source_ref = ANY($6))
        """;

    private const string NightlyTotalsSql = $"""
        SELECT start_time, end_time FROM tracking.sleep_sessions
        WHERE {OverlapFilter} AND starts_with(source_ref, $2) AND NOT starts_with(source_ref, $6)
        """;

    /// <summary>
    /// Stores <paramref name="nightlyTotals"/> and <paramref name="segments"/> of <paramref name="source"/> for
    /// <paramref name="userId"/>; returns how many of them were new (zero for a replay, which changes nothing).
    /// </summary>
    public async Task<int> StoreAsync(string userId, string source, IReadOnlyList<(SleepSession Session, string SourceRef)> nightlyTotals,
        IReadOnlyList<SleepStageSegment> segments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (nightlyTotals.Count == 0 && segments.Count == 0)
        {
            return 0;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(LockSql, connection) { Parameters = { new NpgsqlParameter { Value = userId }, new NpgsqlParameter { Value = source } } })
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var stored = await StoreNightlyTotalsAsync(connection, userId, source, nightlyTotals, cancellationToken);
        var added = await InsertSegmentsAsync(connection, userId, source, segments, cancellationToken);
        var recomputed = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var night in SleepNights.Group(added))
        {
            var (start, end) = (night[0].Start, night.Max(s => s.End));
            // Two nights of the event that stored segments join were recomputed together.
            if (!recomputed.Any(r => r.Start <= start && end <= r.End))
            {
                recomputed.Add(await RecomputeAsync(connection, userId, source, start, end, now, cancellationToken));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return stored + added.Count;
    }

    // A nightly total is the night as the device summed it: any stage-derived session of the same source it overlaps
    // (stored before the total arrived) goes.
    private static async Task<int> StoreNightlyTotalsAsync(NpgsqlConnection connection, string userId, string source,
        IReadOnlyList<(SleepSession Session, string SourceRef)> nightlyTotals, CancellationToken cancellationToken)
    {
        if (nightlyTotals.Count == 0)
        {
            return 0;
        }
        var inserted = 0;
        foreach (var (session, sourceRef) in nightlyTotals)
        {
            await using var batch = new NpgsqlBatch(connection);
            var insert = new NpgsqlBatchCommand(SleepStore.InsertSql);
            SleepStore.AddParameters(insert.Parameters, userId, session with { Source = RecordSources.Device }, sourceRef);
            batch.BatchCommands.Add(insert);
            var delete = new NpgsqlBatchCommand(DeleteStageSessionsSql);
            AddOverlapParameters(delete.Parameters, userId, SleepNights.StageSourceRefPrefix(source), session.StartTime, session.EndTime);
            delete.Parameters.Add(new NpgsqlParameter { Value = Array.Empty<string>() });
            batch.BatchCommands.Add(delete);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            inserted += insert.RecordsAffected;
        }
        return inserted;
    }

    private static async Task<List<SleepStageSegment>> InsertSegmentsAsync(NpgsqlConnection connection, string userId, string source,
        IReadOnlyList<SleepStageSegment> segments, CancellationToken cancellationToken)
    {
        if (segments.Count == 0)
        {
            return [];
        }
        await using var command = new NpgsqlCommand(InsertSegmentsSql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = userId },
                new NpgsqlParameter { Value = source },
                Db.Value(segments.Select(s => s.Start.UtcDateTime).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                Db.Value(segments.Select(s => s.End.UtcDateTime).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                Db.Value(segments.Select(s => s.Stage).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                Db.Value(segments.Select(s => (short)s.UtcOffset).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint),
                Db.Value(segments.Select(s => s.DeviceId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
            },
        };
        return await ReadSegmentsAsync(command, cancellationToken);
    }

    // Loads the stored segments near the night until the window stops growing (a stored segment can bridge to
    // others), then replaces the source's stage-derived sessions there with the nights those segments make.
    private static async Task<(DateTimeOffset Start, DateTimeOffset End)> RecomputeAsync(NpgsqlConnection connection, string userId, string source,
        DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<SleepStageSegment> near;
        while (true)
        {
            await using var command = new NpgsqlCommand(NearSegmentsSql, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = userId },
                    new NpgsqlParameter { Value = source },
                    Db.Instant(start - SleepNights.Gap - SleepRules.MaxSession),
                    Db.Instant(end + SleepNights.Gap),
                    Db.Instant(start - SleepNights.Gap),
                },
            };
            near = await ReadSegmentsAsync(command, cancellationToken);
            var (nearStart, nearEnd) = (near.Min(s => s.Start), near.Max(s => s.End));
            if (nearStart >= start && nearEnd <= end)
            {
                break;
            }
            (start, end) = (nearStart < start ? nearStart : start, nearEnd > end ? nearEnd : end);
        }

        var stagePrefix = SleepNights.StageSourceRefPrefix(source);
        var totals = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        await using (var command = new NpgsqlCommand(NightlyTotalsSql, connection))
        {
            AddOverlapParameters(command.Parameters, userId, source + ":", start, end);
            command.Parameters.Add(new NpgsqlParameter { Value = stagePrefix });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                totals.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }
        var sessions = SleepNights.Group(near)
            .Select(night => SleepNights.Session(night, now))
            .OfType<SleepSession>()
            .Where(s => !totals.Any(t => t.Start < s.EndTime && t.End > s.StartTime))
            .Select(s => (Session: s with { Source = RecordSources.Device }, SourceRef: SleepNights.SourceRef(source, s.StartTime)))
            .ToList();

        await using var batch = new NpgsqlBatch(connection);
        var delete = new NpgsqlBatchCommand(DeleteStageSessionsSql);
        AddOverlapParameters(delete.Parameters, userId, stagePrefix, start, end);
        delete.Parameters.Add(new NpgsqlParameter { Value = sessions.Select(s => s.SourceRef).ToArray() });
        batch.BatchCommands.Add(delete);
        foreach (var (session, sourceRef) in sessions)
        {
            var upsert = new NpgsqlBatchCommand(SleepStore.UpsertSql);
            SleepStore.AddParameters(upsert.Parameters, userId, session, sourceRef);
            batch.BatchCommands.Add(upsert);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return (start, end);
    }

    private static void AddOverlapParameters(NpgsqlParameterCollection parameters, string userId, string sourceRefPrefix, DateTimeOffset start, DateTimeOffset end)
    {
        parameters.Add(new NpgsqlParameter { Value = userId });
        parameters.Add(new NpgsqlParameter { Value = sourceRefPrefix });
        parameters.Add(Db.Instant(start));
        parameters.Add(Db.Instant(end));
        parameters.Add(new NpgsqlParameter { Value = SleepRules.MaxSession });
    }

    private static async Task<List<SleepStageSegment>> ReadSegmentsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var segments = new List<SleepStageSegment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            segments.Add(new SleepStageSegment(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetInt16(3), Db.Text(reader, 4)));
        }
        return segments;
    }
}
