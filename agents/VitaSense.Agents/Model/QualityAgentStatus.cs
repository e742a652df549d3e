namespace VitaSense.Agents.Model;

/// <summary>The data quality agent's part of <c>GET /agents/status</c>.</summary>
/// <param name="ConsumerGroup">Its Kafka consumer group.</param>
/// <param name="State">starting, running, stopped or faulted.</param>
/// <param name="LastEventAt">When the last message finished processing.</param>
/// <param name="Consumed">Messages consumed, by topic.</param>
/// <param name="Produced">Messages published, by topic.</param>
/// <param name="Skipped">Messages of event types it does not handle.</param>
/// <param name="DeadLettered">Messages sent to its dead-letter topic.</param>
/// <param name="Duplicates">Redelivered events skipped.</param>
/// <param name="Retries">Processing attempts retried.</param>
/// <param name="AssignedPartitions">Partitions this instance consumes.</param>
/// <param name="Lag">Messages not yet consumed, by topic, when known.</param>
/// <param name="TrackedStreams">Streams (user, source, metric) whose state is held in memory.</param>
/// <param name="PointsProcessed">Readings checked and published.</param>
/// <param name="PointsInterpolated">Readings made up to fill short gaps.</param>
/// <param name="IssuesDetected">Quality issues published.</param>
/// <param name="StateSaveFailures">Flushes of stream states to the database that failed.</param>
/// <param name="PendingStateSaves">Streams whose newest state awaits the next flush.</param>
public sealed record QualityAgentStatus(
    string ConsumerGroup,
    string State,
    DateTimeOffset? LastEventAt,
    IReadOnlyDictionary<string, long> Consumed,
    IReadOnlyDictionary<string, long> Produced,
    long Skipped,
    long DeadLettered,
    long Duplicates,
    long Retries,
    int AssignedPartitions,
    IReadOnlyDictionary<string, long>? Lag,
    int TrackedStreams,
    long PointsProcessed,
    long PointsInterpolated,
    long IssuesDetected,
    long StateSaveFailures,
    int PendingStateSaves);
