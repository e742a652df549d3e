using System.Collections.Concurrent;

namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>
/// Counters of one consumer, written by its consume loop and read by status endpoints and health checks on other
/// threads.
/// </summary>
public sealed class ConsumerStatistics(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, long> consumed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> produced = new(StringComparer.Ordinal);
    private long skipped;
    private long deadLettered;
    private long duplicates;
    private long retries;
    private long lastEventTicks;
    private volatile IReadOnlyDictionary<string, long>? lag;
    private volatile int assignedPartitions;
    private volatile ConsumerState state = ConsumerState.Starting;

    /// <summary>When the consumer was created.</summary>
    public DateTimeOffset StartedAt { get; } = timeProvider.GetUtcNow();

    /// <summary>Whether the consume loop is running.</summary>
    public ConsumerState State => state;

    internal void SetState(ConsumerState value) => state = value;

    internal void RecordConsumed(string topic) => consumed.AddOrUpdate(topic, 1, static (_, n) => n + 1);

    /// <summary>Counts a message published to <paramref name="topic"/> (acknowledged by Kafka).</summary>
    public void RecordProduced(string topic) => produced.AddOrUpdate(topic, 1, static (_, n) => n + 1);

    internal void RecordSkipped() => Interlocked.Increment(ref skipped);

    internal void RecordDeadLettered() => Interlocked.Increment(ref deadLettered);

    internal void RecordRetry() => Interlocked.Increment(ref retries);

    /// <summary>Counts a redelivered event the handler recognised and did not process again.</summary>
    public void RecordDuplicate() => Interlocked.Increment(ref duplicates);

    internal void RecordProcessed() => Interlocked.Exchange(ref lastEventTicks, timeProvider.GetUtcNow().UtcTicks);

    internal void SetAssignment(int partitions) => assignedPartitions = partitions;

    internal void SetLag(IReadOnlyDictionary<string, long>? value) => lag = value;

    /// <summary>A consistent-enough copy for reporting.</summary>
    public ConsumerStatisticsSnapshot Snapshot()
    {
        var ticks = Interlocked.Read(ref lastEventTicks);
        return new ConsumerStatisticsSnapshot(
            State,
            StartedAt,
            ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero),
            new SortedDictionary<string, long>(consumed, StringComparer.Ordinal),
            new SortedDictionary<string, long>(produced, StringComparer.Ordinal),
            Interlocked.Read(ref skipped),
            Interlocked.Read(ref deadLettered),
            Interlocked.Read(ref duplicates),
            Interlocked.Read(ref retries),
            assignedPartitions,
            lag);
    }
}

/// <summary>The life cycle of a consume loop.</summary>
public enum ConsumerState
{
    /// <summary>Not consuming yet.</summary>
    Starting,

    /// <summary>Consuming.</summary>
    Running,

    /// <summary>Stopped on shutdown.</summary>
    Stopped,

    /// <summary>Stopped by an error it cannot recover from.</summary>
    Faulted,
}

/// <summary>A copy of <see cref="ConsumerStatistics"/> at one moment.</summary>
/// <param name="State">Loop state.</param>
/// <param name="StartedAt">When the consumer started.</param>
/// <param name="LastEventAt">When it last finished processing a message, if ever.</param>
/// <param name="Consumed">Messages consumed, by topic.</param>
/// <param name="Produced">Messages published, by topic (dead letters included).</param>
/// <param name="Skipped">Messages of types this consumer does not handle.</param>
/// <param name="DeadLettered">Messages sent to the dead-letter topic.</param>
/// <param name="Duplicates">Redeliveries recognised and not processed again.</param>
/// <param name="Retries">Failed processing attempts that were retried.</param>
/// <param name="AssignedPartitions">Partitions currently assigned.</param>
/// <param name="Lag">Messages behind the end of each topic's assigned partitions, when known.</param>
public sealed record ConsumerStatisticsSnapshot(
    ConsumerState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastEventAt,
    IReadOnlyDictionary<string, long> Consumed,
    IReadOnlyDictionary<string, long> Produced,
    long Skipped,
    long DeadLettered,
    long Duplicates,
    long Retries,
    int AssignedPartitions,
    IReadOnlyDictionary<string, long>? Lag);
