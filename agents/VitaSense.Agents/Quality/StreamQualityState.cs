namespace VitaSense.Agents.Quality;

/// <summary>
/// What the data quality checks remember about one stream (a user's metric from one source) between events. Bounded:
/// fixed-size windows of values, intervals and timestamps.
/// </summary>
public sealed class StreamQualityState
{
    /// <summary>A new stream's state.</summary>
    /// <param name="valueWindow">Values kept for the outlier score.</param>
    /// <param name="intervalWindow">Intervals kept for the median sampling interval.</param>
    /// <param name="timestampMemory">Timestamps kept to recognise duplicates.</param>
    public StreamQualityState(int valueWindow, int intervalWindow, int timestampMemory)
    {
        Values = new RollingWindow(valueWindow);
        Intervals = new RollingWindow(intervalWindow);
        Seen = new RecentTimestamps(timestampMemory);
    }

    private StreamQualityState(StreamQualityState other)
    {
        Values = other.Values.Clone();
        Intervals = other.Intervals.Clone();
        Seen = other.Seen.Clone();
        LastTimestamp = other.LastTimestamp;
        LastValue = other.LastValue;
        Run = other.Run;
    }

    /// <summary>The latest timestamp seen; an earlier reading is out of order.</summary>
    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary>The value at <see cref="LastTimestamp"/> if it was clean, the start of any interpolation; otherwise null.</summary>
    public double? LastValue { get; set; }

    /// <summary>The run of identical clean readings the stream is in, for flatline detection; null before the first.</summary>
    public ValueRun? Run { get; set; }

    /// <summary>Recent clean values, for the outlier score.</summary>
    public RollingWindow Values { get; }

    /// <summary>Recent intervals between consecutive readings, in seconds, for gap detection.</summary>
    public RollingWindow Intervals { get; }

    /// <summary>Recent timestamps, for duplicate detection.</summary>
    public RecentTimestamps Seen { get; }

    /// <summary>An independent copy, so an event that fails to publish can be retried from the state before it.</summary>
    public StreamQualityState Clone() => new(this);
}
