namespace VitaSense.Agents.Quality;

/// <summary>
/// The last <c>capacity</c> timestamps (UTC ticks) of a stream, to recognise a reading seen before. A plain ring
/// searched linearly (vectorised): per stream it costs 8 bytes a timestamp, where a hash set would cost several times
/// that across tens of thousands of streams, and it is only searched for readings not newer than the latest.
/// </summary>
public sealed class RecentTimestamps
{
    private readonly long[] ring;
    private int next;
    private int count;

    /// <summary>An empty memory of up to <paramref name="capacity"/> timestamps.</summary>
    public RecentTimestamps(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ring = new long[capacity];
    }

    private RecentTimestamps(RecentTimestamps other)
    {
        ring = (long[])other.ring.Clone();
        next = other.next;
        count = other.count;
    }

    /// <summary>Whether <paramref name="ticks"/> is remembered.</summary>
    public bool Contains(long ticks) => ring.AsSpan(0, count).Contains(ticks);

    /// <summary>Remembers <paramref name="ticks"/>, known not to be remembered yet, forgetting the oldest when full.</summary>
    public void Remember(long ticks)
    {
        ring[next] = ticks;
        next = (next + 1) % ring.Length;
        count = Math.Min(count + 1, ring.Length);
    }

    /// <summary>The timestamps from the oldest to the newest; remembering them in an empty memory rebuilds this one.</summary>
    public IEnumerable<long> InOrder()
    {
        var first = count < ring.Length ? 0 : next;
        for (var i = 0; i < count; i++)
        {
            yield return ring[(first + i) % ring.Length];
        }
    }

    /// <summary>An independent copy.</summary>
    public RecentTimestamps Clone() => new(this);
}
