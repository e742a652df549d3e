using System.Text.Json;
using Npgsql;
using VitaSense.Ingestion.Model.Observations;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// One observation table as the bulk writer sees it: how its rows are binary-COPYed (straight into the table, or
/// into a session temp table of the same columns and then merged skipping what is already there), how a row is
/// identified, and, for a table of readings, how a row is published.
/// </summary>
/// <param name="Table">The target table in schema <c>ingestion</c>.</param>
/// <param name="Columns">Column definitions, in COPY order (<c>name type</c>, comma separated), without <c>ingestion_id</c>.</param>
/// <param name="ConflictKey">The unique key that makes a re-sent row a no-op.</param>
/// <param name="KeyExtra">The key column besides <c>stream_id</c> and <c>observed_at</c> (such as <c>stage</c>), if any.</param>
public abstract record StagingTable(string Table, string Columns, string ConflictKey, string? KeyExtra)
{
    /// <summary>
    /// Whether the table holds readings (counted, published, tagged with their <c>ingestion_id</c>) rather than
    /// parts of another table's rows (a workout's samples and route).
    /// </summary>
    public abstract bool Counted { get; }

    /// <summary>The temp table.</summary>
    public string Staging => $"pg_temp.stage_{Table}";

    /// <summary>Column names in COPY order, without <c>ingestion_id</c>.</summary>
    public string ColumnNames => string.Join(", ", Columns.Split(',').Select(c => c.Trim().Split(' ')[0]));

    /// <summary>Column names as stored: counted tables also carry <c>ingestion_id</c>.</summary>
    public string StoredColumnNames => Counted ? ColumnNames + ", ingestion_id" : ColumnNames;

    /// <summary>Creates the temp table once per connection; emptied at each commit.</summary>
    public string CreateStaging => $"CREATE TEMP TABLE IF NOT EXISTS stage_{Table} ({Columns}{(Counted ? ", ingestion_id bigint" : "")}) ON COMMIT DELETE ROWS";

    /// <summary>The merge of the staged rows, returning the key of every row actually inserted.</summary>
    public string Merge =>
        $"INSERT INTO ingestion.{Table} ({StoredColumnNames}) SELECT {StoredColumnNames} FROM {Staging} "
        + $"ON CONFLICT ({ConflictKey}) DO NOTHING"
        + (Counted ? $" RETURNING stream_id, observed_at, {KeyExtra ?? "NULL::text"}" : "");

    /// <summary>
    /// The keys of the rows already stored in the given time ranges of the given streams, at most <c>$4</c> of them:
    /// the rows of a batch that are not among them are new.
    /// </summary>
    public string Existing =>
        $"SELECT t.stream_id, t.observed_at, {KeyExtra ?? "NULL::text"} FROM unnest($1::int[], $2::timestamptz[], $3::timestamptz[]) AS r(id, lo, hi) "
        + $"JOIN ingestion.{Table} t ON t.stream_id = r.id AND t.observed_at BETWEEN r.lo AND r.hi LIMIT $4";

    /// <summary>COPY statement into <paramref name="target"/> (the table or its staging table).</summary>
    public string Copy(string target) => $"COPY {target} ({StoredColumnNames}) FROM STDIN (FORMAT BINARY)";
}

/// <summary>A <see cref="StagingTable"/> whose rows are <typeparamref name="TRow"/>.</summary>
/// <typeparam name="TRow">The row record.</typeparam>
/// <param name="Table">The target table.</param>
/// <param name="Columns">Column definitions in COPY order.</param>
/// <param name="ConflictKey">The unique key.</param>
/// <param name="KeyExtra">The key column besides stream and time.</param>
/// <param name="Rows">The table's rows in a batch.</param>
/// <param name="Write">Writes a row's columns (not <c>ingestion_id</c>).</param>
/// <param name="Key">A row's identity: stream, time and <paramref name="KeyExtra"/>'s value.</param>
/// <param name="WritePoint">Writes a reading's <c>value</c>, <c>values</c> and <c>quality</c> into its published point; null for parts.</param>
public sealed record StagingTable<TRow>(
    string Table,
    string Columns,
    string ConflictKey,
    string? KeyExtra,
    Func<ObservationBatch, List<TRow>> Rows,
    Action<BinaryCopyWriter, TRow> Write,
    Func<TRow, RowKey> Key,
    Action<Utf8JsonWriter, TRow>? WritePoint) : StagingTable(Table, Columns, ConflictKey, KeyExtra)
{
    /// <inheritdoc />
    public override bool Counted => WritePoint is not null;

    private readonly short columnCount = (short)(Columns.Split(',').Length + (WritePoint is null ? 0 : 1));

    /// <summary>Binary-COPYs <paramref name="rows"/> into <paramref name="target"/>.</summary>
    public async Task CopyAsync(NpgsqlConnection connection, string target, IReadOnlyList<TRow> rows, long ingestionId, CancellationToken cancellationToken)
    {
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, Copy(target), cancellationToken);
        var counted = Counted;
        foreach (var row in rows)
        {
            copy.StartRow(columnCount);
            Write(copy, row);
            if (counted)
            {
                copy.Write(ingestionId);
            }
        }
        await copy.CompleteAsync(cancellationToken);
    }
}

/// <summary>The identity of an observation row within its table: stream, UTC time and the table's extra key column.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="UtcTicks">The row's <c>observed_at</c> in UTC ticks.</param>
/// <param name="Extra">The value of <see cref="StagingTable.KeyExtra"/>, if the table has one.</param>
public readonly record struct RowKey(int StreamId, long UtcTicks, string? Extra);
