namespace VitaSense.Agents.Quality;

/// <summary>
/// A compact binary form of <see cref="StreamQualityState"/> for the database: windows are written oldest first and
/// rebuilt by adding, so a state read with other window sizes keeps the newest values that fit.
/// </summary>
public static class StreamStateSerializer
{
    private const byte Version = 1;

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
            if (version != Version)
            {
                throw new InvalidDataException($"Stream state version {version} is not readable (expected {Version}).");
            }
            if (reader.ReadBoolean())
            {
                var ticks = reader.ReadInt64();
                var offset = TimeSpan.FromMinutes(reader.ReadInt16());
                empty.LastTimestamp = new DateTimeOffset(ticks + offset.Ticks, offset);
            }
            if (reader.ReadBoolean())
            {
                empty.LastValue = reader.ReadDouble();
            }
            ReadAll(reader, reader.ReadDouble, empty.Values.Add);
            ReadAll(reader, reader.ReadDouble, empty.Intervals.Add);
            ReadAll(reader, reader.ReadInt64, empty.Seen.Remember);
            return empty;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Stream state is truncated.", ex);
        }
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
