using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace VitaSense.Hosting;

/// <summary>Current state of every resource and a stream of changes (as Aspire's <c>ResourceNotificationService</c>).</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ResourceEvent> current = new(StringComparer.Ordinal);
    private readonly List<Channel<ResourceEvent>> subscribers = [];

    /// <summary>The latest snapshot of a resource, if it is in the model.</summary>
    public ResourceSnapshot? GetCurrentState(string resourceName)
    {
        lock (gate)
        {
            return current.TryGetValue(resourceName, out var e) ? e.Snapshot : null;
        }
    }

    /// <summary>Every resource's latest snapshot.</summary>
    public IReadOnlyList<ResourceSnapshot> GetCurrentStates()
    {
        lock (gate)
        {
            return current.Values.Select(e => e.Snapshot).ToList();
        }
    }

    /// <summary>The current snapshot of every resource, then every change, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (gate)
        {
            foreach (var e in current.Values)
            {
                channel.Writer.TryWrite(e);
            }

            subscribers.Add(channel);
        }

        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            lock (gate)
            {
                subscribers.Remove(channel);
            }
        }
    }

    /// <summary>Waits until the resource reaches <paramref name="targetState"/>; fails if it ends up in a terminal state instead.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(string resourceName, string targetState, CancellationToken cancellationToken = default)
    {
        await foreach (var e in WatchAsync(cancellationToken))
        {
            if (e.Resource.Name != resourceName)
            {
                continue;
            }

            if (e.Snapshot.State == targetState)
            {
                return e.Snapshot;
            }

            if (KnownResourceStates.IsTerminal(e.Snapshot.State))
            {
                throw new DistributedApplicationException(
                    $"{resourceName} is {e.Snapshot.State}{(e.Snapshot.ExitCode is { } code ? $" (exit code {code})" : "")}: {e.Snapshot.Message}");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("The notification stream ended.");
    }

    /// <summary>Waits until the resource is healthy; fails as soon as it exits or fails to start.</summary>
    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!current.ContainsKey(resourceName))
            {
                throw new ArgumentException($"There is no resource named '{resourceName}' in the app model.", nameof(resourceName));
            }
        }

        return WaitForResourceAsync(resourceName, KnownResourceStates.Healthy, cancellationToken);
    }

    /// <summary>Publishes a resource's new snapshot.</summary>
    public void PublishUpdate(IResource resource, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        lock (gate)
        {
            var previous = current.TryGetValue(resource.Name, out var e)
                ? e.Snapshot
                : new ResourceSnapshot(resource.Name, (resource as Resource)?.TypeName ?? resource.GetType().Name, KnownResourceStates.NotStarted);
            var next = update(previous) with { Timestamp = DateTimeOffset.UtcNow };
            var change = new ResourceEvent(resource, next);
            current[resource.Name] = change;
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }
}
