namespace VitaSense.Agents.Ml;

/// <summary>
/// Holds one stream's current model and retrains it off the stream: <see cref="Current"/> is read without locks
/// (scoring never waits for training), a retrain runs on the thread pool and swaps the reference only when it
/// produced a model, and at most one retrain per slot runs at a time. Works for any immutable, thread-safe model
/// such as <see cref="PcaAnomalyModel"/>.
/// </summary>
/// <typeparam name="TModel">The model type; instances must not change after they are published.</typeparam>
public sealed class BackgroundModel<TModel>
    where TModel : class
{
    private TModel? _current;
    private int _training;

    /// <summary>The model to score with, or null before the first one exists.</summary>
    public TModel? Current => Volatile.Read(ref _current);

    /// <summary>True while a retrain is running.</summary>
    public bool IsTraining => Volatile.Read(ref _training) != 0;

    /// <summary>Publishes a model directly (one restored from persistence).</summary>
    public void Set(TModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Volatile.Write(ref _current, model);
    }

    /// <summary>
    /// Starts <paramref name="train"/> on the thread pool, or queues it on <paramref name="scheduler"/> (one shared by
    /// many models bounds how many train at once), unless a retrain is already running or queued (then returns null).
    /// The returned task completes with the newly published model, or null when training produced none
    /// (the previous model stays); a training exception faults the task and also leaves the previous model.
    /// </summary>
    public Task<TModel?>? TryRetrain(Func<TModel?> train, TaskScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (Interlocked.CompareExchange(ref _training, 1, 0) != 0)
        {
            return null;
        }

        // HideScheduler: whatever the trainer starts in parallel runs on the thread pool, not in the bounded scheduler.
        return Task.Factory.StartNew(() =>
        {
            try
            {
                var model = train();
                if (model is not null)
                {
                    Volatile.Write(ref _current, model);
                }

                return model;
            }
            finally
            {
                Volatile.Write(ref _training, 0);
            }
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach | TaskCreationOptions.HideScheduler, scheduler ?? TaskScheduler.Default);
    }
}
