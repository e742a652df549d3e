namespace VitaSense.Agents.Model;

/// <summary>The sync monitor's part of <c>GET /agents/status</c>.</summary>
/// <param name="ConsumerGroup">Its Kafka consumer group.</param>
/// <param name="State">starting, running, stopped or faulted.</param>
/// <param name="LastEventAt">When the last message finished processing.</param>
/// <param name="Consumed">Messages consumed, by topic.</param>
/// <param name="Produced">Messages published, by topic.</param>
/// <param name="Skipped">Messages of event types it does not handle.</param>
/// <param name="DeadLettered">Messages sent to its dead-letter topic.</param>
/// <param name="Retries">Processing attempts retried.</param>
/// <param name="AssignedPartitions">Partitions this instance consumes.</param>
/// <param name="Lag">Messages not yet consumed, by topic, when known.</param>
/// <param name="TrackedUsers">Users whose sources' sync is tracked in memory.</param>
/// <param name="ChangesPublished">Sync status changes published.</param>
/// <param name="ChangesByStatus">Sync status changes published since the start, by the status changed to.</param>
public sealed record SyncAgentStatus(
    string ConsumerGroup,
    string State,
    DateTimeOffset? LastEventAt,
    IReadOnlyDictionary<string, long> Consumed,
    IReadOnlyDictionary<string, long> Produced,
    long Skipped,
    long DeadLettered,
    long Retries,
    int AssignedPartitions,
    IReadOnlyDictionary<string, long>? Lag,
    int TrackedUsers,
    long ChangesPublished,
    IReadOnlyDictionary<string, long> ChangesByStatus);
