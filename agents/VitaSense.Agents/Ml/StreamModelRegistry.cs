using Microsoft.Extensions.Options;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Model;

namespace VitaSense.Agents.Ml;

/// <summary>
/// A <see cref="PcaAnomalyModel"/> per stream (user, source, metric) for the data quality path, bounded in memory (LRU,
/// <c>Agents:Quality:ModelStreamCapacity</c>). Each stream keeps its last <c>ModelHistory</c> clean values; once
/// <c>ModelRetrainEvery</c> values arrived since the last training and at least <c>ModelRetrainInterval</c> passed since
/// it started, a retrain is queued (<see cref="BackgroundModel{TModel}"/>): <see cref="CurrentModel"/> keeps answering
/// with the previous model (or none) until the new one is swapped in, so scoring never waits for training. Trainings of
/// all streams run one at a time on the thread pool: many streams due at once (a burst, a busy start) take one core in
/// turn rather than every core and every pool thread the stream's own I/O needs, and a fast stream retrains at most
/// once an interval, not every few seconds. Each trained model is saved to
/// <c>agents.stream_models</c>; a stream seen for the first time since the start looks its saved model up once
/// (<see cref="GetModelAsync"/>), so a restart scores with the model at once. Saving and loading are best effort: a
/// database outage costs the warm start, not the stream. Thread-safe.
/// </summary>
public sealed class StreamModelRegistry
{
    private readonly Lock gate = new();
    private readonly LruCache<(string UserId, string Source, string Metric), StreamModelSlot> slots;
    // The streams of each user, for the analysis by device; may name evicted streams until the next prune.
    private readonly Dictionary<string, HashSet<(string UserId, string Source, string Metric)>> byUser = new(StringComparer.Ordinal);
    private readonly int capacity;
    private int indexed;
    private readonly StreamModelStore? store;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<StreamModelRegistry> logger;
    private readonly int history;
    private readonly int retrainEvery;
    private readonly TimeSpan retrainInterval;
    private readonly TaskScheduler trainingScheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ConcurrentScheduler;
    private long trainings;
    private long failures;

    /// <summary>Creates the registry; without a <paramref name="store"/> models are neither saved nor loaded.</summary>
    public StreamModelRegistry(IOptions<AgentsOptions> options, StreamModelStore? store, TimeProvider timeProvider, ILogger<StreamModelRegistry> logger)
    {
        var settings = options.Value.Quality;
        capacity = settings.ModelStreamCapacity;
        slots = new LruCache<(string, string, string), StreamModelSlot>(capacity);
        history = Math.Max(settings.ModelHistory, PcaAnomalyModel.MinimumWindows + PcaAnomalyModel.DefaultWindowLength);
        retrainEvery = settings.ModelRetrainEvery;
        retrainInterval = settings.ModelRetrainInterval;
        this.store = store;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Models trained since the start.</summary>
    public long Trainings => Interlocked.Read(ref trainings);

    /// <summary>Trainings or saves that failed (the previous model stayed, or the model is memory only).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>The stream's current model without any I/O; null before one exists.</summary>
    public PcaAnomalyModel? CurrentModel((string UserId, string Source, string Metric) stream)
    {
        lock (gate)
        {
            return slots.TryGet(stream, out var slot) ? slot.Model.Current : null;
        }
    }

    /// <summary>
    /// The stream's current model; on the stream's first sight since the start, its saved model is loaded first (one
    /// database read, never a training).
    /// </summary>
    public async Task<PcaAnomalyModel?> GetModelAsync((string UserId, string Source, string Metric) stream, CancellationToken cancellationToken)
    {
        var slot = GetOrAdd(stream);
        if (slot.Loaded || store is null)
        {
            slot.Loaded = true;
            return slot.Model.Current;
        }

        try
        {
            if (await store.LoadAsync(stream, cancellationToken) is { } saved && slot.Model.Current is null)
            {
                slot.Model.Set(saved);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not load the saved model of stream {Metric} from {Source}; it will train from new values", stream.Metric, stream.Source);
        }
        slot.Loaded = true;
        return slot.Model.Current;
    }

    /// <summary>
    /// Adds the stream's new clean (raw, uncalibrated) values in arrival order and starts a background retrain when
    /// enough arrived since the last one. Returns that training (completed once its model is swapped in and saved), or
    /// null when none started.
    /// </summary>
    public Task? Observe((string UserId, string Source, string Metric) stream, string? deviceId, IEnumerable<(DateTimeOffset Timestamp, double Value)> values)
    {
        lock (gate)
        {
            var slot = GetOrAddLocked(stream);
            slot.DeviceId = deviceId ?? slot.DeviceId;
            foreach (var (timestamp, value) in values)
            {
                if (double.IsFinite(value))
                {
                    slot.Add(timestamp, value);
                    slot.NewValues++;
                }
            }
            var now = timeProvider.GetUtcNow();
            if (slot.NewValues < retrainEvery || slot.Count < PcaAnomalyModel.MinimumWindows + PcaAnomalyModel.DefaultWindowLength - 1
                || (slot.LastTrainingAt is { } last && now - last < retrainInterval))
            {
                return null;
            }

            var (_, snapshot) = slot.Snapshot();
            var training = slot.Model.TryRetrain(() => PcaAnomalyModel.Train(snapshot), trainingScheduler);
            if (training is null)
            {
                // One retrain at a time: the values keep counting and the next batch tries again.
                return null;
            }
            slot.NewValues = 0;
            slot.LastTrainingAt = now;
            slot.Training = SaveAsync(stream, training, snapshot.Length);
            return slot.Training;
        }
    }

    /// <summary>The last training of the stream (completed when none runs).</summary>
    public Task TrainingOf((string UserId, string Source, string Metric) stream)
    {
        lock (gate)
        {
            return slots.TryGet(stream, out var slot) ? slot.Training : Task.CompletedTask;
        }
    }

    /// <summary>
    /// Copies of the user's streams held in memory whose device id or source is <paramref name="device"/>; empty when
    /// there are none (another user's streams are never matched).
    /// </summary>
    public IReadOnlyList<StreamHistory> Histories(string userId, string device)
    {
        lock (gate)
        {
            var found = new List<StreamHistory>();
            if (!byUser.TryGetValue(userId, out var keys))
            {
                return found;
            }
            foreach (var key in keys.ToList())
            {
                if (!slots.TryGet(key, out var slot))
                {
                    keys.Remove(key);
                    indexed--;
                    continue;
                }
                if ((key.Source == device || slot.DeviceId == device) && slot.Count > 0)
                {
                    var (timestamps, values) = slot.Snapshot();
                    found.Add(new StreamHistory(key.Source, key.Metric, slot.DeviceId, timestamps, values, slot.Model.Current));
                }
            }
            return found;
        }
    }

    private async Task SaveAsync((string UserId, string Source, string Metric) stream, Task<PcaAnomalyModel?> training, int size)
    {
        try
        {
            if (await training is not { } model)
            {
                return;
            }
            Interlocked.Increment(ref trainings);
            if (store is not null)
            {
                await store.SaveAsync(stream, model, timeProvider.GetUtcNow(), size, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref failures);
            logger.LogWarning(ex, "Training or saving the model of stream {Metric} from {Source} failed; the previous model stays", stream.Metric, stream.Source);
        }
    }

    private StreamModelSlot GetOrAdd((string UserId, string Source, string Metric) stream)
    {
        lock (gate)
        {
            return GetOrAddLocked(stream);
        }
    }

    private StreamModelSlot GetOrAddLocked((string UserId, string Source, string Metric) stream)
    {
        if (!slots.TryGet(stream, out var slot))
        {
            slot = new StreamModelSlot(history);
            slots.Set(stream, slot);
            if (!byUser.TryGetValue(stream.UserId, out var keys))
            {
                keys = [];
                byUser[stream.UserId] = keys;
            }
            if (keys.Add(stream) && ++indexed > 2 * capacity)
            {
                PruneIndex();
            }
        }
        return slot;
    }

    // Evicted streams leave their key in the index: dropped here once the index is twice the capacity.
    private void PruneIndex()
    {
        indexed = 0;
        foreach (var (user, keys) in byUser.ToList())
        {
            keys.RemoveWhere(k => !slots.TryGet(k, out _));
            indexed += keys.Count;
            if (keys.Count == 0)
            {
                byUser.Remove(user);
            }
        }
    }
}
