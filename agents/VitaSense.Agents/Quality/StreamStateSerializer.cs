namespace VitaSense.Agents.Quality;

/// <summary>
/// A compact binary form of <see cref="StreamQualityState"/> for the database: windows are written oldest first and
/// rebuilt by adding, so a state read with other window sizes keeps the newest values that fit.
/// </summary>
public static class StreamStateSerializer
{
    // Version 2 adds the run of identical values (flatline detection); version 1 states read as having none.
    private const byte Version = 2;
    private const byte FirstVersion = 1;

    /// <summary>The bytes of <paramref name="state"/>.</summary>
    public static byte[] Serialize(StreamQualityState state)
    {
        using var stream = new MemoryStream(16 + 8 * (state.Values.Count + state.Intervals.Count) + 8 * 256);
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            writer.Write(state.LastTimestamp is not null);
            if (state.LastTimestamp is { } last)
            {
                writer.Write(last.UtcTicks);
                writer.Write((short)last.Offset.TotalMinutes);
            }
            writer.Write(state.LastValue is not null);
            if (state.LastValue is { } value)
            {
                writer.Write(value);
            }
            WriteAll(writer, state.Values.InOrder().ToList(), writer.Write);
            WriteAll(writer, state.Intervals.InOrder().ToList(), writer.Write);
            WriteAll(writer, state.Seen.InOrder().ToList(), writer.Write);
            writer.Write(state.Run is not null);
            if (state.Run is { } run)
            {
                writer.Write(run.Value);
                writer.Write(run.Start.UtcTicks);
                writer.Write((short)run.Start.Offset.TotalMinutes);
                writer.Write(run.Readings);
                writer.Write(run.Reported);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The state in <paramref name="bytes"/>, into <paramref name="empty"/> (a new state of the wanted sizes).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a state of a version this code reads.</exception>
    public static StreamQualityState Deserialize(byte[] bytes, StreamQualityState empty)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
            var version = reader.ReadByte();
            if (version is < FirstVersion or > Version)
            {
                throw new InvalidDataException($"Stream state version {version} is not readable (expected {FirstVersion} to {Version}).");
            }
            if (reader.ReadBoolean())
            {
                empty.LastTimestamp = ReadTimestamp(reader);
            }
            if (reader.ReadBoolean())
            {
                empty.LastValue = reader.ReadDouble();
            }
            ReadAll(reader, reader.ReadDouble, empty.Values.Add);
            ReadAll(reader, reader.ReadDouble, empty.Intervals.Add);
            ReadAll(reader, reader.ReadInt64, empty.Seen.Remember);
            if (version >= 2 && reader.ReadBoolean())
            {
                var value = reader.ReadDouble();
                var start = ReadTimestamp(reader);
                empty.Run = new ValueRun(value, start, reader.ReadInt32(), reader.ReadBoolean());
            }
            return empty;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Stream state is truncated.", ex);
        }
    }

    private static DateTimeOffset ReadTimestamp(BinaryReader reader)
    {
        var ticks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        return new DateTimeOffset(ticks + offset.Ticks, offset);
    }

    private static void WriteAll<T>(BinaryWriter writer, List<T> items, Action<T> write)
    {
        writer.Write(items.Count);
        foreach (var item in items)
        {
            write(item);
        }
    }

    private static void ReadAll<T>(BinaryReader reader, Func<T> read, Action<T> add)
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            add(read());
        }
    }
}
