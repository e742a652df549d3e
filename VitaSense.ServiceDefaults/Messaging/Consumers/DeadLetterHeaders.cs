namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>Headers a dead-lettered message carries besides its original ones, so it can be diagnosed and replayed.</summary>
public static class DeadLetterHeaders
{
    /// <summary>Why the message could not be processed.</summary>
    public const string Error = "dlq-error";

    /// <summary>The exception type behind <see cref="Error"/>.</summary>
    public const string ErrorType = "dlq-error-type";

    /// <summary>The topic the message was consumed from.</summary>
    public const string SourceTopic = "dlq-source-topic";

    /// <summary>Its partition there.</summary>
    public const string SourcePartition = "dlq-source-partition";

    /// <summary>Its offset there.</summary>
    public const string SourceOffset = "dlq-source-offset";

    /// <summary>The consumer group that gave up on it.</summary>
    public const string ConsumerGroup = "dlq-consumer-group";
}
