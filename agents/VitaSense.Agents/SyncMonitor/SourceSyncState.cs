namespace VitaSense.Agents.SyncMonitor;

/// <summary>What the sync monitor knows of one of a user's sources.</summary>
public sealed class SourceSyncState(int intervalWindow)
{
    private readonly Queue<double> intervals = new(intervalWindow);

    /// <summary>The registered device, when known.</summary>
    public string? DeviceId { get; set; }

    /// <summary>When the source last synced, by the agent's clock.</summary>
    public DateTimeOffset LastSyncAt { get; set; }

    /// <summary>The ingestion of the last sync: the events of one ingestion are one sync.</summary>
    public long LastIngestionId { get; set; }

    /// <summary>How old the newest reading of the last sync was on arrival, in seconds.</summary>
    public double LatencySeconds { get; set; }

    /// <summary>Syncs that overlapped another source's readings of the same metric.</summary>
    public int Conflicts { get; set; }

    /// <summary>The status last announced; null before the first.</summary>
    public string? AnnouncedStatus { get; set; }

    /// <summary>The time span of the last readings per metric, to find overlaps with the user's other sources.</summary>
    public Dictionary<string, (DateTimeOffset From, DateTimeOffset To)> Ranges { get; } = new(StringComparer.Ordinal);

    /// <summary>Intervals between syncs held.</summary>
    public int IntervalCount => intervals.Count;

    /// <summary>Adds an interval between two syncs, forgetting the oldest when full.</summary>
    public void AddInterval(double seconds)
    {
        if (intervals.Count == intervalWindow)
        {
            intervals.Dequeue();
        }
        intervals.Enqueue(seconds);
    }

    /// <summary>The median interval between syncs in seconds; null before two syncs.</summary>
    public double? MedianIntervalSeconds()
    {
        if (intervals.Count == 0)
        {
            return null;
        }
        var sorted = intervals.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
