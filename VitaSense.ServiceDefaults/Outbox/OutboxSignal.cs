namespace VitaSense.ServiceDefaults.Outbox;

/// <summary>
/// Lets a writer wake the relays right after it commits outbox rows, so events leave within milliseconds
/// instead of at the next poll. Signals coalesce: many commits during one publish cause one more round.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);

    /// <summary>Says new rows were committed.</summary>
    public void Notify()
    {
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: one wake-up covers both.
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => pending.WaitAsync(timeout, cancellationToken);
}
