using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Contracts;
using VitaSense.Ingestion.Model.Observations;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// Commits batches of observations for one ingestion on one connection, all of a batch or none of it. Per table, the
/// keys already stored in the batch's time range of each stream are fetched; the rows not among them are
/// binary-COPYed straight into the table (so a first sync and a re-send both skip any merge), as are the parts of the
/// workouts the batch stores. Rows go through a temp table and a merge that skips what is stored only when the
/// stored range is much denser than the batch or a concurrent request stored the same rows first. The newly
/// stored readings are written to the outbox, in the same transaction, as CloudEvents of up to
/// <see cref="PointsPerEvent"/> points of one stream, built here rather than by the database, which is the
/// bottleneck of a large sync. Not thread-safe: one writer per ingestion.
/// </summary>
public sealed class ObservationWriter : IAsyncDisposable
{
    /// <summary>
    /// Most readings in one published event: about 50 KB of JSON, well under Kafka's 1 MB default and under the
    /// runtime's 85 KB large-object threshold, so a large sync's events never reach the large-object heap.
    /// </summary>
    public const int PointsPerEvent = 500;

    private const string UniqueViolation = "23505";

    // How many stored keys per batch row are worth fetching to tell new rows from duplicates without a merge.
    private const int ExistingKeysPerRow = 4;

    private static readonly string OutboxCopy =
        $"COPY {OutboxTable.QualifiedName(Extensions.Extensions.Schema)} (topic, key, payload, content_encoding) FROM STDIN (FORMAT BINARY)";

    // The event's shape is fixed by this class, so the writer's structural checks would only cost time.
    private static readonly JsonWriterOptions EventWriterOptions = new() { SkipValidation = true };

    private readonly NpgsqlConnection connection;
    private readonly StreamRegistry streams;
    private readonly long ingestionId;
    // Two sets: the events of fresh rows are built on another thread while merged rows' are built on this one.
    private readonly EventBuffers freshBuffers = new();
    private readonly EventBuffers mergedBuffers = new();
    private int batchNumber;
    private Dictionary<int, StreamRef> batchStreams = [];
    private readonly HashSet<RowKey> seenKeys = [];
    // (stream, workout key) of the workouts the current batch stored.
    private readonly HashSet<(int StreamId, string WorkoutKey)> newWorkouts = [];

    private ObservationWriter(NpgsqlConnection connection, StreamRegistry streams, long ingestionId)
    {
        this.connection = connection;
        this.streams = streams;
        this.ingestionId = ingestionId;
    }

    /// <summary>Opens a writer for the readings of ingestion <paramref name="ingestionId"/>.</summary>
    public static async Task<ObservationWriter> OpenAsync(NpgsqlDataSource dataSource, StreamRegistry streams, long ingestionId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var setup = string.Concat(ObservationTables.All.Select(t => t.CreateStaging + ";"));
            await using var command = new NpgsqlCommand(setup, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new ObservationWriter(connection, streams, ingestionId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Commits <paramref name="batch"/>; returns the number of newly stored rows per stream (absent: none).</summary>
    public Task<IReadOnlyDictionary<StreamRef, int>> WriteAsync(ObservationBatch batch, CancellationToken cancellationToken) =>
        WriteAsync(batch, Task.CompletedTask, cancellationToken);

    /// <summary>
    /// Commits <paramref name="batch"/> once <paramref name="committedFirst"/> has completed (the batch's raw backup,
    /// written meanwhile on another connection): the rows are never committed before what must precede them, and
    /// nothing is committed when it fails. Returns the number of newly stored rows per stream (absent: none).
    /// </summary>
    public async Task<IReadOnlyDictionary<StreamRef, int>> WriteAsync(ObservationBatch batch, Task committedFirst, CancellationToken cancellationToken)
    {
        var accepted = new Dictionary<StreamRef, int>();
        if (batch.Count == 0)
        {
            await committedFirst;
            return accepted;
        }
        var streamsOfBatch = batch.Streams();
        await streams.ResolveAsync(connection, streamsOfBatch, cancellationToken);
        batchStreams = streamsOfBatch.ToDictionary(s => s.Id);

        var number = ++batchNumber;
        newWorkouts.Clear();
        var events = new List<(string Key, byte[] Payload)>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await WriteTableAsync(ObservationTables.Quantity, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.HeartRate, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.BloodPressure, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.BloodGlucose, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.SleepStages, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.SleepSessions, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.Workouts, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.WorkoutHeartRate, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.WorkoutRoute, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.Ecg, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.Symptoms, batch, transaction, accepted, events, number, cancellationToken);
        await WriteTableAsync(ObservationTables.HealthRecords, batch, transaction, accepted, events, number, cancellationToken);
        await WriteOutboxAsync(events, cancellationToken);
        await committedFirst;
        await transaction.CommitAsync(cancellationToken);
        return accepted;
    }

    private async Task WriteTableAsync<TRow>(StagingTable<TRow> table, ObservationBatch batch, NpgsqlTransaction transaction,
        Dictionary<StreamRef, int> accepted, List<(string, byte[])> events, int number, CancellationToken cancellationToken)
    {
        var rows = Deduplicate(table, table.Rows(batch));
        if (rows.Count == 0)
        {
            return;
        }
        if (!table.Counted)
        {
            // A workout stored by this very batch has no samples or route yet, so its parts need no merge.
            if (!rows.TrueForAll(r => newWorkouts.Contains((table.Key(r).StreamId, table.Key(r).Extra!)))
                || !await TryCopyStraightAsync(table, rows, transaction, cancellationToken))
            {
                await MergeAsync(table, rows, cancellationToken);
            }
            return;
        }

        // A first sync finds nothing stored and a re-send finds everything: either way no row goes through the merge.
        var existing = await ExistingKeysAsync(table, rows, cancellationToken);
        List<TRow> fresh, known;
        if (existing is null)
        {
            (fresh, known) = ([], rows);
        }
        else if (existing.Count == 0)
        {
            (fresh, known) = (rows, []);
        }
        else
        {
            (fresh, known) = (rows.FindAll(r => !existing.Contains(table.Key(r))), []);
        }

        var inserted = fresh;
        List<(string, byte[])> freshEvents = [];
        if (fresh.Count > 0)
        {
            // The events of these rows are built while the database takes the COPY: they are what gets published if
            // the COPY succeeds, and the database is otherwise the one waiting while they are built.
            var building = Task.Run(() => AddEvents(table, fresh, number, freshEvents, freshBuffers), CancellationToken.None);
            try
            {
                if (!await TryCopyStraightAsync(table, fresh, transaction, cancellationToken))
                {
                    // Another request stored some of these rows since the check: those rows take the merge path.
                    known = [.. known, .. fresh];
                    inserted = [];
                }
            }
            finally
            {
                await building;
            }
            if (inserted.Count == 0)
            {
                freshEvents.Clear();
            }
        }
        events.AddRange(freshEvents);
        var merged = inserted;
        if (known.Count > 0)
        {
            var keys = await MergeAsync(table, known, cancellationToken);
            merged = [.. known.Where(r => keys.Contains(table.Key(r)))];
            inserted = [.. inserted, .. merged];
            AddEvents(table, merged, number, events, mergedBuffers);
        }

        var isWorkouts = ReferenceEquals(table, ObservationTables.Workouts);
        foreach (var row in inserted)
        {
            var key = table.Key(row);
            var stream = StreamOf(key.StreamId);
            accepted[stream] = accepted.GetValueOrDefault(stream) + 1;
            if (isWorkouts)
            {
                newWorkouts.Add((key.StreamId, key.Extra!));
            }
        }
    }

    // COPYs rows straight into their table under a savepoint; false, with nothing stored, when some of them are
    // already there (another request stored them since they were checked).
    private async Task<bool> TryCopyStraightAsync<TRow>(StagingTable<TRow> table, List<TRow> rows, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("straight", cancellationToken);
        try
        {
            await table.CopyAsync(connection, $"ingestion.{table.Table}", rows, ingestionId, cancellationToken);
            await transaction.ReleaseAsync("straight", cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
        {
            await transaction.RollbackAsync("straight", cancellationToken);
            return false;
        }
    }

    // A reading sent twice in one payload is stored once; the second is a duplicate like any re-send.
    private List<TRow> Deduplicate<TRow>(StagingTable<TRow> table, List<TRow> rows)
    {
        if (InStreamOrder(table, rows))
        {
            // Strictly increasing times within each stream: no key can repeat, and hashing a million keys is skipped.
            return rows;
        }
        seenKeys.Clear();
        List<TRow>? unique = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (seenKeys.Add(table.Key(rows[i])))
            {
                unique?.Add(rows[i]);
            }
            else if (unique is null)
            {
                // The first duplicate: only now is a second list worth its allocation.
                unique = new List<TRow>(rows.Count);
                unique.AddRange(rows.Take(i));
            }
        }
        return unique ?? rows;
    }

    // The keys of what is stored in the batch's time range of each of its streams; null when there is far more there
    // than in the batch (the stored readings are much denser than these), which the merge handles better.
    private async Task<HashSet<RowKey>?> ExistingKeysAsync<TRow>(StagingTable<TRow> table, List<TRow> rows, CancellationToken cancellationToken)
    {
        var ranges = new Dictionary<int, (long Min, long Max)>();
        foreach (var row in rows)
        {
            var key = table.Key(row);
            ranges[key.StreamId] = ranges.TryGetValue(key.StreamId, out var range)
                ? (Math.Min(range.Min, key.UtcTicks), Math.Max(range.Max, key.UtcTicks))
                : (key.UtcTicks, key.UtcTicks);
        }
        var limit = rows.Count * ExistingKeysPerRow + 1;
        await using var command = new NpgsqlCommand(table.Existing, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ranges.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = ranges.Values.Select(r => new DateTime(r.Min, DateTimeKind.Utc)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = ranges.Values.Select(r => new DateTime(r.Max, DateTimeKind.Utc)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
        var existing = new HashSet<RowKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing.Add(new RowKey(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1).UtcTicks, reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return existing.Count < limit ? existing : null;
    }

    // COPY into the temp table, then insert what is not stored yet; returns the keys of the inserted rows.
    private async Task<HashSet<RowKey>> MergeAsync<TRow>(StagingTable<TRow> table, List<TRow> rows, CancellationToken cancellationToken)
    {
        await table.CopyAsync(connection, table.Staging, rows, ingestionId, cancellationToken);
        var keys = new HashSet<RowKey>();
        await using (var merge = new NpgsqlCommand(table.Merge, connection))
        await using (var reader = await merge.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(new RowKey(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1).UtcTicks, reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }
        // The temp table empties at commit; a batch merging the same table twice (after a failed COPY) must not see old rows.
        await using var truncate = new NpgsqlCommand($"TRUNCATE {table.Staging}", connection);
        await truncate.ExecuteNonQueryAsync(cancellationToken);
        return keys;
    }

    private void AddEvents<TRow>(StagingTable<TRow> table, List<TRow> inserted, int number, List<(string, byte[])> events, EventBuffers buffers)
    {
        if (inserted.Count == 0)
        {
            return;
        }
        // Rows in (stream, time) order without LINQ: one sort of two pooled arrays, then runs of one stream. A payload
        // lists each metric's points in time order, so the sort is usually skipped.
        var keys = ArrayPool<(int Stream, long Ticks)>.Shared.Rent(inserted.Count);
        var order = ArrayPool<int>.Shared.Rent(inserted.Count);
        try
        {
            for (var i = 0; i < inserted.Count; i++)
            {
                var key = table.Key(inserted[i]);
                keys[i] = (key.StreamId, key.UtcTicks);
                order[i] = i;
            }
            if (!InStreamOrder(table, inserted))
            {
                Array.Sort(keys, order, 0, inserted.Count);
            }

            var start = 0;
            while (start < inserted.Count)
            {
                var streamId = keys[start].Stream;
                var end = start;
                while (end < inserted.Count && keys[end].Stream == streamId)
                {
                    end++;
                }
                var stream = StreamOf(streamId);
                for (int from = start, chunk = 0; from < end; from += PointsPerEvent, chunk++)
                {
                    var count = Math.Min(PointsPerEvent, end - from);
                    events.Add((stream.DeviceId ?? $"{stream.UserId}:{stream.Source}",
                        Event(table, stream, inserted, order.AsSpan(from, count), keys[from + count - 1].Ticks, number, chunk, buffers)));
                }
                start = end;
            }
        }
        finally
        {
            ArrayPool<(int, long)>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(order);
        }
    }

    // True when each stream's rows are one run with strictly increasing times: then no two rows share a key, whatever
    // else the key holds, and the rows are already in (stream, time) order.
    private static bool InStreamOrder<TRow>(StagingTable<TRow> table, List<TRow> rows)
    {
        if (rows.Count == 0)
        {
            return true;
        }
        var finishedStreams = new HashSet<int>();
        var previous = table.Key(rows[0]);
        for (var i = 1; i < rows.Count; i++)
        {
            var key = table.Key(rows[i]);
            if (key.StreamId == previous.StreamId)
            {
                if (key.UtcTicks <= previous.UtcTicks)
                {
                    return false;
                }
            }
            else if (!finishedStreams.Add(previous.StreamId) || finishedStreams.Contains(key.StreamId))
            {
                return false;
            }
            previous = key;
        }
        return true;
    }

    // The JSON of CloudEvent<ObservationsIngested>, written directly: a year of minute heart rate is 500 events of 1000 points.
    private byte[] Event<TRow>(StagingTable<TRow> table, StreamRef stream, List<TRow> rows, ReadOnlySpan<int> points, long lastTicks, int number, int chunk,
        EventBuffers buffers)
    {
        var eventBuffer = buffers.Json;
        eventBuffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(eventBuffer, EventWriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", EventId(stream.Id, number, chunk));
            json.WriteString("type", EventTypes.ObservationsIngested);
            json.WriteString("source", ObservationEvents.Source);
            json.WriteString("subject", stream.DeviceId ?? stream.Source);
            json.WriteString("time", new DateTime(lastTicks, DateTimeKind.Utc));
            json.WriteString("datacontenttype", "application/json");
            json.WriteStartObject("data");
            json.WriteString("user_id", stream.UserId);
            json.WriteString("metric", stream.Metric);
            json.WriteString("source", stream.Source);
            if (stream.DeviceId is not null)
            {
                json.WriteString("device_id", stream.DeviceId);
            }
            if (stream.Unit is not null)
            {
                json.WriteString("unit", stream.Unit);
            }
            json.WriteString("origin", stream.Origin);
            json.WriteNumber("ingestion_id", ingestionId);
            json.WriteStartArray("observations");
            foreach (var index in points)
            {
                var point = rows[index];
                json.WriteStartObject();
                json.WriteString(PointJson.Timestamp, new DateTime(table.Key(point).UtcTicks, DateTimeKind.Utc));
                table.WritePoint!(json, point);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        // Stored gzipped: a year of minute heart rate is tens of MB of JSON that the database would otherwise
        // write, log and read back; the relay publishes it decompressed.
        var compressed = buffers.Compressed;
        compressed.SetLength(0);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(eventBuffer.WrittenSpan);
        }
        return compressed.ToArray();
    }

    // Derived from (ingestion, batch, stream, chunk): a batch retried after a failed commit publishes the same ids.
    private string EventId(int streamId, int number, int chunk)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{ingestionId}:{number}:{streamId}:{chunk}"));
        return new Guid(hash).ToString();
    }

    private async Task WriteOutboxAsync(List<(string Key, byte[] Payload)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        await using var importer = await connection.BeginBinaryImportAsync(OutboxCopy, cancellationToken);
        foreach (var (key, payload) in events)
        {
            importer.StartRow();
            importer.Write(Topics.DeviceDataRaw, NpgsqlDbType.Text);
            importer.Write(key, NpgsqlDbType.Text);
            importer.Write(payload, NpgsqlDbType.Bytea);
            importer.Write(OutboxTable.Gzip, NpgsqlDbType.Text);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private StreamRef StreamOf(int streamId) => batchStreams[streamId];

    private sealed class EventBuffers
    {
        public ArrayBufferWriter<byte> Json { get; } = new(64 * 1024);

        public MemoryStream Compressed { get; } = new();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
