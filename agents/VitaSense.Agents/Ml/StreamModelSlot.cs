namespace VitaSense.Agents.Ml;

/// <summary>
/// One stream's model and recent clean values (oldest first, bounded), as held by <see cref="StreamModelRegistry"/>.
/// Guarded by the registry's lock; only <see cref="Model"/> is read without it.
/// </summary>
internal sealed class StreamModelSlot(int capacity)
{
    private readonly DateTimeOffset[] timestamps = new DateTimeOffset[capacity];
    private readonly double[] values = new double[capacity];
    private int start;

    /// <summary>The current model, swapped by background retrains.</summary>
    public BackgroundModel<PcaAnomalyModel> Model { get; } = new();

    /// <summary>True once the persisted model was looked for (first sight after a start).</summary>
    public bool Loaded { get; set; }

    /// <summary>The device the stream's readings come from, when known.</summary>
    public string? DeviceId { get; set; }

    /// <summary>When the last training was started, by the registry's clock; null before the first.</summary>
    public DateTimeOffset? LastTrainingAt { get; set; }

    /// <summary>Values added since the last training started.</summary>
    public int NewValues { get; set; }

    /// <summary>The last training and its persistence, for callers that must wait for it.</summary>
    public Task Training { get; set; } = Task.CompletedTask;

    /// <summary>Values held.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a value, forgetting the oldest when full.</summary>
    public void Add(DateTimeOffset timestamp, double value)
    {
        var index = (start + Count) % values.Length;
        timestamps[index] = timestamp;
        values[index] = value;
        if (Count < values.Length)
        {
            Count++;
        }
        else
        {
            start = (start + 1) % values.Length;
        }
    }

    /// <summary>A copy of the values, oldest first.</summary>
    public (DateTimeOffset[] Timestamps, double[] Values) Snapshot()
    {
        var copyTimes = new DateTimeOffset[Count];
        var copyValues = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            copyTimes[i] = timestamps[(start + i) % values.Length];
            copyValues[i] = values[(start + i) % values.Length];
        }
        return (copyTimes, copyValues);
    }
}
