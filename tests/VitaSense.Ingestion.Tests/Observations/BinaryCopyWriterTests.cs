using Npgsql;
using VitaSense.Ingestion.Infrastructure.Observations;

namespace VitaSense.Ingestion.Tests.Observations;

/// <summary>
/// The hand-written binary COPY encoder against a real PostgreSQL: every column type it writes reads back as written,
/// including values larger than its buffer and non-ASCII text.
/// </summary>
public sealed class BinaryCopyWriterTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task Every_type_round_trips_including_values_larger_than_the_buffer()
    {
        var large = new string('x', 200_000) + "é✓";
        var json = $$"""{"note": "{{large}}", "n": 1}""";
        var at = new DateTimeOffset(2025, 3, 30, 1, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234560);
        var voltages = Enumerable.Range(0, 20_000).Select(i => (float)Math.Sin(i / 10.0)).ToArray();

        await using var dataSource = NpgsqlDataSource.Create(factory.DatabaseConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE copy_types (i integer, s smallint, l bigint, d float8, nd float8, b boolean, nb boolean, t timestamptz, nt timestamptz, x text, nx text, j jsonb, r real[])",
            connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, "COPY copy_types FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            for (var row = 0; row < 2; row++)
            {
                copy.StartRow(13);
                copy.Write(-42 + row);
                copy.Write((short)-420);
                copy.Write(long.MaxValue);
                copy.Write(36.6);
                copy.Write((double?)null);
                copy.Write(true);
                copy.Write((bool?)null);
                copy.Write(at);
                copy.Write((DateTimeOffset?)null);
                copy.Write(large);
                copy.Write((string?)null);
                copy.WriteJsonb(json);
                copy.Write(voltages);
            }
            await copy.CompleteAsync(CancellationToken.None);
        }

        await using var select = new NpgsqlCommand("SELECT i, s, l, d, nd, b, nb, t, nt, x, nx, j::text, r FROM copy_types ORDER BY i", connection);
        await using var reader = await select.ExecuteReaderAsync();
        for (var row = 0; row < 2; row++)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(-42 + row, reader.GetInt32(0));
            Assert.Equal((short)-420, reader.GetInt16(1));
            Assert.Equal(long.MaxValue, reader.GetInt64(2));
            Assert.Equal(36.6, reader.GetDouble(3));
            Assert.True(reader.IsDBNull(4));
            Assert.True(reader.GetBoolean(5));
            Assert.True(reader.IsDBNull(6));
            // PostgreSQL keeps microseconds; the instant is what is stored.
            Assert.Equal(at.UtcTicks / 10 * 10, reader.GetFieldValue<DateTimeOffset>(7).UtcTicks);
            Assert.True(reader.IsDBNull(8));
            Assert.Equal(large, reader.GetString(9));
            Assert.True(reader.IsDBNull(10));
            Assert.Contains(large, reader.GetString(11));
            Assert.Equal(voltages, reader.GetFieldValue<float[]>(12));
        }
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_copy_disposed_before_completing_stores_nothing_and_leaves_the_connection_usable()
    {
        await using var dataSource = NpgsqlDataSource.Create(factory.DatabaseConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE copy_cancelled (i integer)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await BinaryCopyWriter.BeginAsync(connection, "COPY copy_cancelled FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            copy.StartRow(1);
            copy.Write(1);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM copy_cancelled", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
