using VitaSense.Agents.Quality;

namespace VitaSense.Agents.Infrastructure;

/// <summary>
/// Saves the data quality agent's stream states off the stream: <see cref="Enqueue"/> keeps only each stream's newest
/// state, and <see cref="RunAsync"/> writes what is pending in one statement every flush interval
/// (<see cref="QualityStateStore.SaveManyAsync"/>), so the stream pays no database round trip per event and a busy
/// stream costs one row write per interval however many events it had. The caller enqueues a state only once its
/// event's outputs are acknowledged, so a saved Kafka position is never ahead of what was published.
/// <para>Best effort, like the saves it replaces: a failed flush keeps its states pending for the next one (unless a
/// newer state of the stream arrived meanwhile), up to <c>capacity</c> streams; beyond that they are dropped and counted,
/// and the stream degrades towards a cold start after a restart. Thread-safe.</para>
/// </summary>
public sealed class QualityStateWriter(QualityStateStore store, TimeSpan flushInterval, int capacity, ILogger logger)
{
    private readonly Lock gate = new();
    private Dictionary<(string UserId, string Source, string Metric), StreamStateEntry> pending = [];
    // The batch being written: still the newest state of its streams for a reader until the write is done.
    private Dictionary<(string UserId, string Source, string Metric), StreamStateEntry> flushing = [];
    private long failures;
    private long dropped;

    /// <summary>Flushes that failed (their states stayed pending, or were dropped past the capacity).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>States not saved because a failed flush left more pending than the capacity.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Streams whose newest state is not saved yet.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Marks <paramref name="entry"/> as the stream's state to save, replacing any not yet saved.</summary>
    public void Enqueue((string UserId, string Source, string Metric) stream, StreamStateEntry entry)
    {
        lock (gate)
        {
            pending[stream] = entry;
        }
    }

    /// <summary>
    /// The stream's state that is not saved yet: a stream evicted from memory before its flush must resume from this,
    /// not from the older saved row.
    /// </summary>
    public bool TryGetPending((string UserId, string Source, string Metric) stream, out StreamStateEntry entry)
    {
        lock (gate)
        {
            return pending.TryGetValue(stream, out entry!) || flushing.TryGetValue(stream, out entry!);
        }
    }

    /// <summary>Flushes every interval until <paramref name="stoppingToken"/> is cancelled, then flushes once more.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(flushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // What the last events changed: a clean stop resumes exactly where it stopped.
        await FlushAsync(CancellationToken.None);
    }

    /// <summary>Saves everything pending now; false when the database refused it (the states stay pending).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(string UserId, string Source, string Metric), StreamStateEntry> batch;
        lock (gate)
        {
            if (pending.Count == 0)
            {
                return true;
            }
            batch = pending;
            flushing = batch;
            pending = [];
        }

        try
        {
            await store.SaveManyAsync(batch, cancellationToken);
            lock (gate)
            {
                flushing = [];
            }
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref failures);
            logger.LogWarning(ex, "Could not save the quality state of {Streams} streams; retrying with the next flush", batch.Count);
            lock (gate)
            {
                flushing = [];
                foreach (var (stream, entry) in batch)
                {
                    if (pending.ContainsKey(stream))
                    {
                        // A newer state arrived meanwhile; it supersedes this one.
                        continue;
                    }
                    if (pending.Count >= capacity)
                    {
                        Interlocked.Increment(ref dropped);
                        continue;
                    }
                    pending[stream] = entry;
                }
            }
            return false;
        }
    }
}
