namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// Completes once every registered schema is migrated. Background work that touches the database
/// (partition maintenance, outbox relay) waits on it, whatever order the hosted services were registered in.
/// </summary>
public sealed class SchemaReadiness
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether migrations have completed.</summary>
    public bool IsReady => ready.Task.IsCompletedSuccessfully;

    /// <summary>Waits until migrations have completed.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);

    internal void MarkReady() => ready.TrySetResult();
}
