using Npgsql;
using VitaSense.Ingestion.Model.Observations;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// One observation table as the bulk writer sees it: a session temp table of the same columns that rows are
/// binary-COPYed into, and the merge that moves them into the real table skipping what is already there.
/// </summary>
/// <param name="Table">The target table in schema <c>ingestion</c>.</param>
/// <param name="Columns">Column definitions, in COPY order (<c>name type</c>, comma separated).</param>
/// <param name="ConflictKey">The unique key that makes a re-sent row a no-op.</param>
/// <param name="Accepted">
/// What an inserted row contributes to the published events, as
/// <c>stream_id, observed_at, utc_offset, v (double), vals (json), quality</c>; null when the table's rows are parts
/// of another table's (workout samples) and are neither counted nor published.
/// </param>
public abstract record StagingTable(string Table, string Columns, string ConflictKey, string? Accepted)
{
    /// <summary>The temp table.</summary>
    public string Staging => $"pg_temp.stage_{Table}";

    /// <summary>Column names in COPY order.</summary>
    public string ColumnNames => string.Join(", ", Columns.Split(',').Select(c => c.Trim().Split(' ')[0]));

    /// <summary>Creates the temp table once per connection; emptied at each commit.</summary>
    public string CreateStaging => $"CREATE TEMP TABLE IF NOT EXISTS stage_{Table} ({Columns}) ON COMMIT DELETE ROWS";

    /// <summary>The COPY statement.</summary>
    public string Copy => $"COPY {Staging} ({ColumnNames}) FROM STDIN (FORMAT BINARY)";

    /// <summary>The merge as a CTE named <c>i_{table}</c>, returning the accepted rows when the table is counted.</summary>
    /// <remarks>Counted tables also carry the batch's <c>ingestion_id</c>, passed as parameter <c>$1</c>.</remarks>
    public string MergeCte => Accepted is null
        ? $"i_{Table} AS (INSERT INTO ingestion.{Table} ({ColumnNames}) SELECT {ColumnNames} FROM {Staging} "
            + $"ON CONFLICT ({ConflictKey}) DO NOTHING)"
        : $"i_{Table} AS (INSERT INTO ingestion.{Table} ({ColumnNames}, ingestion_id) SELECT {ColumnNames}, $1 FROM {Staging} "
            + $"ON CONFLICT ({ConflictKey}) DO NOTHING RETURNING {Accepted})";

    /// <summary>Copies the table's rows of a batch; returns how many.</summary>
    public abstract Task<int> CopyAsync(NpgsqlConnection connection, ObservationBatch batch, CancellationToken cancellationToken);
}

/// <summary>A <see cref="StagingTable"/> whose rows are <typeparamref name="TRow"/>.</summary>
/// <typeparam name="TRow">The row record.</typeparam>
public sealed record StagingTable<TRow>(
    string Table,
    string Columns,
    string ConflictKey,
    string? Accepted,
    Func<ObservationBatch, List<TRow>> Rows,
    Action<NpgsqlBinaryImporter, TRow> Write) : StagingTable(Table, Columns, ConflictKey, Accepted)
{
    /// <inheritdoc />
    public override async Task<int> CopyAsync(NpgsqlConnection connection, ObservationBatch batch, CancellationToken cancellationToken)
    {
        var rows = Rows(batch);
        if (rows.Count == 0)
        {
            return 0;
        }
        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        // Synchronous writes: the importer buffers and only touches the socket when its buffer is full, and an
        // await per column would cost more than the copy itself on a million rows.
        foreach (var row in rows)
        {
            importer.StartRow();
            Write(importer, row);
        }
        await importer.CompleteAsync(cancellationToken);
        return rows.Count;
    }
}
