namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>What a <see cref="CloudEventConsumer"/> consumes and how often it commits.</summary>
public sealed record CloudEventConsumerOptions
{
    /// <summary>The consumer group; its dead-letter topic is <c>Topics.DeadLetter(GroupId)</c>.</summary>
    public required string GroupId { get; init; }

    /// <summary>The topics to subscribe to.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>How often stored offsets are committed. Offsets are also committed on partition revoke and at shutdown.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a message whose handler throws (other than a Kafka failure) is retried before it is dead-lettered.</summary>
    public int MaxHandlerAttempts { get; init; } = 3;

    /// <summary>Create the dead-letter topic at start if it is missing (best effort; a broker may forbid it).</summary>
    public bool EnsureDeadLetterTopic { get; init; } = true;

    /// <summary>
    /// The longest a fetch waits for data (<c>fetch.wait.max.ms</c>); null keeps the client's default (500 ms). A broker
    /// that answers a fetch only when this runs out (librdkafka's mock cluster, the AppHost's Kafka here) adds half of it
    /// to every message on average: latency-sensitive consumers lower it, at the cost of more fetches while idle.
    /// </summary>
    public TimeSpan? FetchWaitMax { get; init; }
}
