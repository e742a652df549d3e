using System.Threading.Channels;

namespace VitaSense.Devices.Services.Sync;

/// <summary>Pending syncs this replica accepted, waiting for <see cref="SyncWorker"/>.</summary>
public sealed class SyncQueue
{
    private readonly Channel<(Guid SyncId, Guid DeviceId)> channel = Channel.CreateUnbounded<(Guid, Guid)>();

    /// <summary>Queues a created (pending) sync.</summary>
    public void Enqueue(Guid syncId, Guid deviceId) => channel.Writer.TryWrite((syncId, deviceId));

    /// <summary>The queued syncs, as they come.</summary>
    public IAsyncEnumerable<(Guid SyncId, Guid DeviceId)> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
