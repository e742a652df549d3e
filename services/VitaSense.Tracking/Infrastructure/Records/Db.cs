using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Tracking.Model.Records;

namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>Parameter and column helpers shared by the record stores.</summary>
public static class Db
{
    /// <summary>
    /// The list (or count) query of a user's rows of <paramref name="table"/> in a time range, newest first: $1 user, then
    /// $2 <paramref name="equalTo"/>'s value when given, then the lower and upper bounds of <c>recorded_at</c> when
    /// given, then limit and offset. The order is that of the (user, [column,] time) index.
    /// </summary>
    public static string TimeRangeSql(string table, string columns, string idColumn, string? equalTo, bool from, bool to, bool count)
    {
        var sql = new StringBuilder(count ? "SELECT count(*)" : $"SELECT {columns}").Append($" FROM {table} WHERE user_id = $1");
        var next = 2;
        if (equalTo is not null)
        {
            sql.Append($" AND {equalTo} = $").Append(next++);
        }
        if (from)
        {
            sql.Append(" AND recorded_at >= $").Append(next++);
        }
        if (to)
        {
            sql.Append(" AND recorded_at < $").Append(next++);
        }
        if (!count)
        {
            sql.Append($" ORDER BY recorded_at DESC, {idColumn} DESC LIMIT $").Append(next++).Append(" OFFSET $").Append(next);
        }
        return sql.ToString();
    }

    /// <summary>A typed parameter; null becomes SQL NULL.</summary>
    public static NpgsqlParameter Value(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>A timestamptz parameter (Npgsql writes only UTC offsets; the reading's own offset is kept in utc_offset).</summary>
    public static NpgsqlParameter Instant(DateTimeOffset? value) => new()
    {
        Value = value is { } v ? v.ToUniversalTime() : DBNull.Value,
        NpgsqlDbType = NpgsqlDbType.TimestampTz,
    };

    /// <summary>A jsonb parameter from a JSON element (null or an undefined element is SQL NULL).</summary>
    public static NpgsqlParameter Json(JsonElement? value) => new()
    {
        Value = value is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } element ? element.GetRawText() : DBNull.Value,
        NpgsqlDbType = NpgsqlDbType.Jsonb,
    };

    /// <summary>A nullable double column.</summary>
    public static double? Double(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    /// <summary>A nullable text column.</summary>
    public static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A nullable jsonb column as a detached JSON element.</summary>
    public static JsonElement? Json(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        using var document = JsonDocument.Parse(reader.GetString(ordinal));
        return document.RootElement.Clone();
    }

    /// <summary>A timestamptz column shown in the reading's own offset (minutes).</summary>
    public static DateTimeOffset Local(NpgsqlDataReader reader, int ordinal, int offsetMinutes) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>An offset in minutes as stored (smallint).</summary>
    public static short Offset(DateTimeOffset at) => (short)at.Offset.TotalMinutes;

    /// <summary>
    /// One page of a list and the count of everything matching, in one round trip: <paramref name="countSql"/> and
    /// <paramref name="listSql"/> share the filter parameters (<paramref name="addFilter"/>); the list's limit and offset
    /// follow them.
    /// </summary>
    public static Task<(IReadOnlyList<T> Items, long Total)> PageAsync<T>(NpgsqlDataSource dataSource, string countSql, string listSql,
        Action<NpgsqlParameterCollection> addFilter, RecordQuery query, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken) =>
        PageAsync(dataSource, countSql, listSql, addFilter, query.Limit, query.Offset, read, cancellationToken);

    /// <summary>
    /// As <see cref="PageAsync{T}(NpgsqlDataSource, string, string, Action{NpgsqlParameterCollection}, RecordQuery, Func{NpgsqlDataReader, T}, CancellationToken)"/>
    /// for a page given as <paramref name="limit"/> and <paramref name="offset"/>.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Items, long Total)> PageAsync<T>(NpgsqlDataSource dataSource, string countSql, string listSql,
        Action<NpgsqlParameterCollection> addFilter, int limit, int offset, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var count = new NpgsqlBatchCommand(countSql);
        var list = new NpgsqlBatchCommand(listSql);
        addFilter(count.Parameters);
        addFilter(list.Parameters);
        list.Parameters.Add(new NpgsqlParameter { Value = limit });
        list.Parameters.Add(new NpgsqlParameter { Value = offset });
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { count, list } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }
        return (items, total);
    }
}
