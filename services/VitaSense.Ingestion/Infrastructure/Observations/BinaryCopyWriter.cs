using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>
/// Encodes rows in PostgreSQL's binary COPY format straight into a buffer and sends it through a raw binary COPY.
/// <see cref="NpgsqlBinaryImporter"/> resolves a type handler and runs a small state machine for every value; on a
/// million rows of eight columns that costs more than the database spends inserting them, so the hot tables are
/// encoded here: a column is a length and its big-endian bytes, nothing more.
/// </summary>
/// <remarks>Not thread-safe. Values must be of the column's type; PostgreSQL rejects the COPY otherwise.</remarks>
public sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const byte JsonbVersion = 1;
    private const int Float4Oid = 700;

    // "PGCOPY\n\xff\r\n\0", then flags and the header extension's length, both 0.
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream stream;
    private readonly byte[] buffer = new byte[64 * 1024 + 256];
    private int position;
    private bool completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        this.stream = stream;
        Header.CopyTo(buffer);
        position = Header.Length;
    }

    /// <summary>Starts <paramref name="copyCommand"/> (a <c>COPY ... FROM STDIN (FORMAT BINARY)</c>) on <paramref name="connection"/>.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken));

    /// <summary>Starts a row of <paramref name="columns"/> columns.</summary>
    public void StartRow(short columns)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(position), columns);
        position += 2;
    }

    /// <summary>Writes SQL NULL.</summary>
    public void WriteNull() => WriteLength(-1);

    /// <summary>Writes an <c>integer</c>.</summary>
    public void Write(int value)
    {
        WriteLength(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), value);
        position += 4;
    }

    /// <summary>Writes a <c>smallint</c>.</summary>
    public void Write(short value)
    {
        WriteLength(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(position), value);
        position += 2;
    }

    /// <summary>Writes a <c>bigint</c>.</summary>
    public void Write(long value)
    {
        WriteLength(8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(position), value);
        position += 8;
    }

    /// <summary>Writes a <c>float8</c>.</summary>
    public void Write(double value)
    {
        WriteLength(8);
        BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(position), value);
        position += 8;
    }

    /// <summary>Writes a <c>float8</c> or NULL.</summary>
    public void Write(double? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Writes a <c>boolean</c>.</summary>
    public void Write(bool value)
    {
        WriteLength(1);
        buffer[position++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>Writes a <c>boolean</c> or NULL.</summary>
    public void Write(bool? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Writes a <c>timestamptz</c>: the instant, in microseconds since 2000-01-01 UTC (the offset is not part of it).</summary>
    public void Write(DateTimeOffset value)
    {
        WriteLength(8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(position), (value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
        position += 8;
    }

    /// <summary>Writes a <c>timestamptz</c> or NULL.</summary>
    public void Write(DateTimeOffset? value)
    {
        if (value is { } v)
        {
            Write(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Writes a <c>text</c> or NULL.</summary>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        WriteUtf8(value, prefix: null);
    }

    /// <summary>Writes a <c>jsonb</c> from its JSON text.</summary>
    public void WriteJsonb(string json) => WriteUtf8(json, JsonbVersion);

    /// <summary>Writes a <c>jsonb</c> or NULL.</summary>
    public void WriteJsonbOrNull(string? json)
    {
        if (json is null)
        {
            WriteNull();
            return;
        }
        WriteJsonb(json);
    }

    /// <summary>Writes a one-dimensional <c>real[]</c> without nulls.</summary>
    public void Write(float[] values)
    {
        WriteLength(20 + 8 * values.Length);
        Reserve(20);
        var header = buffer.AsSpan(position);
        BinaryPrimitives.WriteInt32BigEndian(header, 1);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], 0);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], Float4Oid);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], values.Length);
        BinaryPrimitives.WriteInt32BigEndian(header[16..], 1);
        position += 20;
        foreach (var value in values)
        {
            Reserve(8);
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), 4);
            BinaryPrimitives.WriteSingleBigEndian(buffer.AsSpan(position + 4), value);
            position += 8;
        }
    }

    /// <summary>Sends the trailer and ends the COPY; PostgreSQL's verdict on the rows (a unique violation, say) is thrown here.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(position), -1);
        position += 2;
        await stream.WriteAsync(buffer.AsMemory(0, position), cancellationToken);
        position = 0;
        completed = true;
        await stream.DisposeAsync();
    }

    /// <summary>Cancels the COPY unless it completed: nothing of it is stored.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            completed = true;
            try
            {
                await stream.CancelAsync();
            }
            catch (NpgsqlException)
            {
                // Already failing (the exception that brought us here is the one to report); the connection is
                // broken or the server confirmed the cancellation with an error.
            }
            await stream.DisposeAsync();
        }
    }

    private void WriteUtf8(string value, byte? prefix)
    {
        var extra = prefix is null ? 0 : 1;
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (maxBytes + extra + 4 > buffer.Length - 64)
        {
            WriteLargeUtf8(value, prefix);
            return;
        }
        Reserve(maxBytes + extra + 4);
        var lengthAt = position;
        position += 4;
        if (prefix is { } p)
        {
            buffer[position++] = p;
        }
        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(position));
        position += written;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(lengthAt), written + extra);
    }

    // A value larger than the buffer (a long workout's JSON, say) is encoded on its own and written through.
    private void WriteLargeUtf8(string value, byte? prefix)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var extra = prefix is null ? 0 : 1;
        WriteLength(bytes.Length + extra);
        if (prefix is { } p)
        {
            Reserve(1);
            buffer[position++] = p;
        }
        Flush();
        stream.Write(bytes);
    }

    private void WriteLength(int length)
    {
        Reserve(4 + Math.Max(0, Math.Min(length, 16)));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), length);
        position += 4;
    }

    private void Reserve(int bytes)
    {
        if (position + bytes > buffer.Length)
        {
            Flush();
        }
    }

    // Synchronous on purpose, as NpgsqlBinaryImporter's Write is: the encoding runs on the committer's own thread,
    // which has nothing else to do while the socket takes the bytes.
    private void Flush()
    {
        if (position > 0)
        {
            stream.Write(buffer, 0, position);
            position = 0;
        }
    }
}
