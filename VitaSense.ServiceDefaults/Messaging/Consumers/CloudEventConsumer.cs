using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VitaSense.Contracts;

namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>
/// A Kafka consumer of CloudEvents that dispatches by event <c>type</c> to handlers registered with
/// <see cref="Handle{TData}"/>, one message at a time in partition order.
/// <para>Delivery: a message's offset is stored only after its handler finished, and a handler that publishes awaits
/// the broker's acknowledgement (<see cref="PublishAsync{TData}"/>), so a crash means redelivery, never loss.
/// Stored offsets are committed every <see cref="CloudEventConsumerOptions.CommitInterval"/>, on partition revoke
/// and at shutdown. Handlers must therefore tolerate redelivery (dedupe by event id).</para>
/// <para>Failures: a message that is not a CloudEvent, whose data does not deserialise, or whose handler throws
/// <see cref="PoisonMessageException"/> goes to <c>Topics.DeadLetter(group)</c> with the reason in headers, then is
/// committed. Kafka failures are retried with backoff for as long as it takes; any other handler exception is
/// retried <see cref="CloudEventConsumerOptions.MaxHandlerAttempts"/> times, then dead-lettered.</para>
/// </summary>
public abstract class CloudEventConsumer : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, Func<ConsumeResult<string?, byte[]>, CancellationToken, Task>> handlers = new(StringComparer.Ordinal);
    private readonly CloudEventConsumerOptions options;
    private readonly IConfiguration configuration;
    private readonly string clientId;
    private IProducer<string?, byte[]>? producer;

    /// <summary>Creates the consumer; derived classes register their handlers in their constructor.</summary>
    protected CloudEventConsumer(CloudEventConsumerOptions options, IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILogger logger)
    {
        this.options = options;
        this.configuration = configuration;
        Logger = logger;
        clientId = $"{environment.ApplicationName}-{options.GroupId}";
        DeadLetterTopic = Topics.DeadLetter(options.GroupId);
        Statistics = new ConsumerStatistics(timeProvider);
    }

    /// <summary>Counters for status endpoints and health checks.</summary>
    public ConsumerStatistics Statistics { get; }

    /// <summary>Where messages this consumer cannot process go.</summary>
    public string DeadLetterTopic { get; }

    /// <summary>The consumer's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Routes events of <paramref name="eventType"/> to <paramref name="handler"/>; others are skipped and counted.</summary>
    protected void Handle<TData>(string eventType, Func<CloudEvent<TData>, MessageContext, CancellationToken, Task> handler) =>
        handlers[eventType] = (result, cancellationToken) =>
        {
            CloudEvent<TData> cloudEvent;
            try
            {
                cloudEvent = CloudEventSerializer.Deserialize<TData>(result.Message.Value);
            }
            catch (JsonException ex)
            {
                throw new PoisonMessageException($"The {eventType} event could not be read: {ex.Message}", ex);
            }

            if (cloudEvent.Data is null)
            {
                throw new PoisonMessageException($"The {eventType} event has no data.");
            }

            var context = new MessageContext(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Headers);
            return handler(cloudEvent, context, cancellationToken);
        };

    /// <summary>Publishes an event and waits until Kafka acknowledged it.</summary>
    protected async Task PublishAsync<TData>(string topic, string? key, CloudEvent<TData> cloudEvent, CancellationToken cancellationToken)
    {
        var target = producer ?? throw new InvalidOperationException("Events can only be published from a handler.");
        var headers = CloudEventSerializer.KafkaHeaders();
        if (Activity.Current is { } activity)
        {
            headers.Add("traceparent", Encoding.UTF8.GetBytes(activity.Id ?? ""));
        }

        await target.ProduceAsync(topic, new Message<string?, byte[]> { Key = key, Value = CloudEventSerializer.Serialize(cloudEvent), Headers = headers }, cancellationToken);
        Statistics.RecordProduced(topic);
        MessagingTelemetry.MessagesPublished.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", topic));
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume() blocks its thread; keep it off the host's start-up path.
        Task.Run(() => RunAsync(stoppingToken), stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.EnsureDeadLetterTopic)
            {
                await EnsureDeadLetterTopicAsync();
            }

            var producerConfig = KafkaClientConfig.Producer(configuration, clientId);
            // Handlers await each publish before the next message, so nothing would ever be lingered for to batch
            // with: the linger would only add its milliseconds to every hop.
            producerConfig.LingerMs = 0;
            using var builtProducer = new ProducerBuilder<string?, byte[]>(producerConfig)
                .SetErrorHandler((_, error) => Logger.LogDebug("Kafka producer: {Reason}", error.Reason))
                .Build();
            producer = builtProducer;
            var consumerConfig = KafkaClientConfig.Consumer(configuration, options.GroupId, clientId);
            if (options.FetchWaitMax is { } fetchWaitMax)
            {
                consumerConfig.FetchWaitMaxMs = (int)Math.Max(1, fetchWaitMax.TotalMilliseconds);
            }
            using var consumer = new ConsumerBuilder<string?, byte[]>(consumerConfig)
                .SetErrorHandler((_, error) => Logger.LogDebug("Kafka consumer: {Reason}", error.Reason))
                .SetPartitionsAssignedHandler((c, partitions) =>
                {
                    Statistics.SetAssignment(c.Assignment.Count + partitions.Count);
                    Logger.LogInformation("{Group} assigned {Partitions}", options.GroupId, string.Join(", ", partitions));
                })
                .SetPartitionsRevokedHandler((c, partitions) =>
                {
                    // Commit what was processed so whoever gets these partitions next starts after it.
                    Commit(c);
                    Statistics.SetAssignment(Math.Max(0, c.Assignment.Count - partitions.Count));
                    Logger.LogInformation("{Group} revoked {Partitions}", options.GroupId, string.Join(", ", partitions.Select(p => p.TopicPartition)));
                })
                .SetPartitionsLostHandler((c, partitions) =>
                {
                    Statistics.SetAssignment(Math.Max(0, c.Assignment.Count - partitions.Count));
                    Logger.LogWarning("{Group} lost {Partitions}; they will be redelivered", options.GroupId, string.Join(", ", partitions.Select(p => p.TopicPartition)));
                })
                .Build();

            consumer.Subscribe(options.Topics);
            Statistics.SetState(ConsumerState.Running);
            try
            {
                await ConsumeLoopAsync(consumer, stoppingToken);
            }
            finally
            {
                Commit(consumer);
                consumer.Close();
                producer = null;
            }
            Statistics.SetState(ConsumerState.Stopped);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Statistics.SetState(ConsumerState.Stopped);
        }
        catch (Exception ex)
        {
            Statistics.SetState(ConsumerState.Faulted);
            Logger.LogCritical(ex, "Consumer {Group} stopped", options.GroupId);
            throw;
        }
    }

    private async Task ConsumeLoopAsync(IConsumer<string?, byte[]> consumer, CancellationToken stoppingToken)
    {
        var lastCommit = Stopwatch.StartNew();
        var uncommitted = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumeResult<string?, byte[]>? result = null;
            try
            {
                result = consumer.Consume(PollTimeout);
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                Logger.LogWarning(ex, "Consumer {Group} could not fetch: {Reason}", options.GroupId, ex.Error.Reason);
            }

            if (result is { IsPartitionEOF: false, Message: not null })
            {
                await ProcessAsync(result, stoppingToken);
                try
                {
                    consumer.StoreOffset(result);
                    uncommitted = true;
                }
                catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_State)
                {
                    // The partition was revoked while the message was processed; its next owner redelivers it.
                }
            }

            if (lastCommit.Elapsed >= options.CommitInterval)
            {
                if (uncommitted)
                {
                    Commit(consumer);
                    uncommitted = false;
                }
                Statistics.SetLag(MeasureLag(consumer));
                lastCommit.Restart();
            }
        }
    }

    private async Task ProcessAsync(ConsumeResult<string?, byte[]> result, CancellationToken stoppingToken)
    {
        Statistics.RecordConsumed(result.Topic);
        MessagingTelemetry.MessagesConsumed.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", result.Topic));
        using var activity = StartActivity(result);

        var attempt = 0;
        var backoff = TimeSpan.Zero;
        while (true)
        {
            attempt++;
            try
            {
                await DispatchAsync(result, stoppingToken);
                Statistics.RecordProcessed();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (PoisonMessageException ex)
            {
                await DeadLetterAsync(result, ex, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not KafkaException && attempt >= options.MaxHandlerAttempts)
            {
                Logger.LogError(ex, "Giving up on {Topic} [{Partition}] @{Offset} after {Attempts} attempts", result.Topic, result.Partition.Value, result.Offset.Value, attempt);
                await DeadLetterAsync(result, ex, stoppingToken);
                return;
            }
            catch (Exception ex)
            {
                Statistics.RecordRetry();
                backoff = NextBackoff(backoff);
                Logger.LogWarning(ex, "Processing {Topic} [{Partition}] @{Offset} failed (attempt {Attempt}); retrying in {Backoff}",
                    result.Topic, result.Partition.Value, result.Offset.Value, attempt, backoff);
                await Task.Delay(backoff, stoppingToken);
            }
        }
    }

    private Task DispatchAsync(ConsumeResult<string?, byte[]> result, CancellationToken cancellationToken)
    {
        string? type;
        try
        {
            type = CloudEventSerializer.PeekType(result.Message.Value);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"The message is not JSON: {ex.Message}", ex);
        }

        if (type is null)
        {
            throw new PoisonMessageException("The message is not a CloudEvent: it has no type.");
        }

        if (!handlers.TryGetValue(type, out var handler))
        {
            Statistics.RecordSkipped();
            return Task.CompletedTask;
        }

        return handler(result, cancellationToken);
    }

    private async Task DeadLetterAsync(ConsumeResult<string?, byte[]> result, Exception error, CancellationToken stoppingToken)
    {
        Logger.LogWarning("Dead-lettering {Topic} [{Partition}] @{Offset} to {DeadLetterTopic}: {Reason}",
            result.Topic, result.Partition.Value, result.Offset.Value, DeadLetterTopic, error.Message);
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }
        headers.Add(DeadLetterHeaders.Error, Encoding.UTF8.GetBytes(error.Message));
        headers.Add(DeadLetterHeaders.ErrorType, Encoding.UTF8.GetBytes((error.InnerException ?? error).GetType().FullName ?? "unknown"));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(result.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(result.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(result.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.ConsumerGroup, Encoding.UTF8.GetBytes(options.GroupId));
        var message = new Message<string?, byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers };

        // The offset must not move on until the message is safe on the dead-letter topic.
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await producer!.ProduceAsync(DeadLetterTopic, message, stoppingToken);
                Statistics.RecordProduced(DeadLetterTopic);
                Statistics.RecordDeadLettered();
                return;
            }
            catch (KafkaException ex)
            {
                backoff = NextBackoff(backoff);
                Logger.LogWarning(ex, "Could not dead-letter to {DeadLetterTopic}; retrying in {Backoff}", DeadLetterTopic, backoff);
                await Task.Delay(backoff, stoppingToken);
            }
        }
    }

    private void Commit(IConsumer<string?, byte[]> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing stored since the last commit.
        }
        catch (KafkaException ex)
        {
            // The offsets stay stored and go out with the next commit; at worst a few messages are redelivered.
            Logger.LogWarning(ex, "Consumer {Group} could not commit offsets: {Reason}", options.GroupId, ex.Error.Reason);
        }
    }

    /// <summary>Lag from the client's cached high watermarks: no broker round trip.</summary>
    private static Dictionary<string, long>? MeasureLag(IConsumer<string?, byte[]> consumer)
    {
        try
        {
            var lag = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var partition in consumer.Assignment)
            {
                var high = consumer.GetWatermarkOffsets(partition).High;
                var position = consumer.Position(partition);
                if (high == Offset.Unset || position == Offset.Unset)
                {
                    continue;
                }
                lag[partition.Topic] = lag.GetValueOrDefault(partition.Topic) + Math.Max(0, high.Value - position.Value);
            }
            return lag;
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    private async Task EnsureDeadLetterTopicAsync()
    {
        try
        {
            using var admin = new AdminClientBuilder(KafkaClientConfig.Admin(configuration)).Build();
            var metadata = admin.GetMetadata(DeadLetterTopic, TimeSpan.FromSeconds(5));
            if (metadata.Topics.Any(t => t.Topic == DeadLetterTopic && t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0))
            {
                return;
            }

            var replication = (short)Math.Clamp(metadata.Brokers.Count, 1, 3);
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = DeadLetterTopic, NumPartitions = 1, ReplicationFactor = replication }],
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
        }
        catch (KafkaException ex)
        {
            // Some clusters forbid clients to create topics; there an operator creates it.
            Logger.LogWarning(ex, "Could not create dead-letter topic {DeadLetterTopic}: {Reason}", DeadLetterTopic, ex.Error.Reason);
        }
    }

    private static Activity? StartActivity(ConsumeResult<string?, byte[]> result)
    {
        ActivityContext parent = default;
        if (result.Message.Headers?.TryGetLastBytes("traceparent", out var traceparent) == true)
        {
            ActivityContext.TryParse(Encoding.UTF8.GetString(traceparent), null, out parent);
        }
        var activity = MessagingTelemetry.ActivitySource.StartActivity($"{result.Topic} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", result.Topic);
        activity?.SetTag("messaging.kafka.destination.partition", result.Partition.Value);
        activity?.SetTag("messaging.kafka.message.offset", result.Offset.Value);
        return activity;
    }

    private static TimeSpan NextBackoff(TimeSpan current) =>
        current == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(current.Ticks * 2, MaxBackoff.Ticks));
}
