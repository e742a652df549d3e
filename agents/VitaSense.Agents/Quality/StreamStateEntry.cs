namespace VitaSense.Agents.Quality;

/// <summary>A stream's state and the Kafka message whose event it includes last.</summary>
/// <param name="State">The stream's state.</param>
/// <param name="Partition">The partition of that message.</param>
/// <param name="Offset">Its offset: a redelivery at or before it was already published.</param>
public sealed record StreamStateEntry(StreamQualityState State, int Partition, long Offset)
{
    /// <summary>
    /// Whether the message at <paramref name="partition"/>/<paramref name="offset"/>, whose newest reading was measured at
    /// <paramref name="newestReading"/>, is already in the state. The reading time guards against a topic recreated
    /// with offsets from zero: its new messages carry readings newer than the state's.
    /// </summary>
    public bool Includes(int partition, long offset, DateTimeOffset newestReading) =>
        partition == Partition && offset <= Offset && State.LastTimestamp is { } last && newestReading <= last;
}
