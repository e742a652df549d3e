using System.Runtime.CompilerServices;
using System.Text.Json;
using StackExchange.Redis;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Insights;

/// <summary>
/// Fans processed readings out through Redis pub/sub, one channel per user and device, so the replica serving a
/// <c>/data/stream</c> request need not be the one consuming the partition. Pub/sub is fire and forget: a subscriber
/// sees what is published while it listens, nothing from before.
/// </summary>
public sealed class ProcessedStreamHub(IConnectionMultiplexer redis, IHostEnvironment environment)
{
    /// <summary>The channel of a user's device (a device id or a source name).</summary>
    public RedisChannel ChannelFor(string userId, string device) =>
        // Lengths first: ids may contain the separator, and "a:b" + "c" must not meet "a" + "b:c".
        RedisChannel.Literal($"{environment.ApplicationName}:stream:{userId.Length}:{userId}:{device.Length}:{device}");

    /// <summary>Publishes a processed event to its device's channel and, when it differs, to its source's.</summary>
    public async Task PublishAsync(string eventId, ObservationsProcessed batch)
    {
        var message = JsonSerializer.Serialize(new StreamedBatch
        {
            EventId = eventId,
            Metric = batch.Metric,
            Source = batch.Source,
            DeviceId = batch.DeviceId,
            Unit = batch.Unit,
            Points = batch.Points,
        });
        var subscriber = redis.GetSubscriber();
        foreach (var device in new[] { batch.DeviceId, batch.Source }.OfType<string>().Where(d => d.Length > 0).Distinct(StringComparer.Ordinal))
        {
            // Fire and forget: a Redis outage must not hold up the stream, and pub/sub promises no delivery anyway.
            await subscriber.PublishAsync(ChannelFor(batch.UserId, device), message, CommandFlags.FireAndForget);
        }
    }

    /// <summary>
    /// Subscribes to a user's device; the subscription is active when this returns, and the messages (JSON of
    /// <see cref="StreamedBatch"/>) are read from the returned sequence until <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<IAsyncEnumerable<string>> SubscribeAsync(string userId, string device, CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(ChannelFor(userId, device));
        return ReadAsync(queue, cancellationToken);
    }

    private static async IAsyncEnumerable<string> ReadAsync(ChannelMessageQueue queue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                ChannelMessage message;
                try
                {
                    message = await queue.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                if (message.Message.HasValue)
                {
                    yield return message.Message.ToString();
                }
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
