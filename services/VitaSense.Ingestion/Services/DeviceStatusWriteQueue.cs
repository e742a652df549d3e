using System.Threading.Channels;
using Microsoft.Extensions.Options;
using VitaSense.Ingestion.Model;

namespace VitaSense.Ingestion.Services;

/// <summary>
/// Hands validated updates to the single <see cref="DeviceStatusWriter"/> and lets each request await the commit of
/// its batch (group commit: one durable transaction for many requests). The queue is bounded, so under overload
/// requests wait here instead of growing memory.
/// </summary>
public sealed class DeviceStatusWriteQueue(IOptions<DeviceStatusOptions> options)
{
    private readonly Channel<PendingWrite> channel = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(options.Value.WriteQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The writer's end.</summary>
    public ChannelReader<PendingWrite> Reader => channel.Reader;

    /// <summary>
    /// Completes when <paramref name="update"/> is committed; throws <see cref="DeviceStatusWriteException"/> when its
    /// batch failed (nothing of it was stored).
    /// </summary>
    public async Task WriteAsync(DeviceStatusUpdate update, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(update);
        await channel.Writer.WriteAsync(pending, cancellationToken);
        // Once queued the write proceeds even if the client goes away, so its outcome is awaited in full.
        await pending.Completion.Task;
    }

    /// <summary>Refuses new writes; the writer drains what is queued.</summary>
    public void Complete() => channel.Writer.TryComplete();
}

/// <summary>An update waiting for its batch's commit.</summary>
/// <param name="Update">The update.</param>
public sealed record PendingWrite(DeviceStatusUpdate Update)
{
    /// <summary>Completed by the writer after commit, or failed with the batch.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
