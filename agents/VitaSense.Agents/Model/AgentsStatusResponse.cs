using VitaSense.Agents.Calibration;

namespace VitaSense.Agents.Model;

/// <summary>The body of <c>GET /agents/status</c> (serialised in snake_case).</summary>
/// <param name="ConsumerGroup">The Kafka consumer group of the agents.</param>
/// <param name="State">starting, running, stopped or faulted.</param>
/// <param name="StartedAt">When the consumer started.</param>
/// <param name="LastEventAt">When the last message finished processing.</param>
/// <param name="Consumed">Messages consumed, by topic.</param>
/// <param name="Produced">Messages published, by topic.</param>
/// <param name="Skipped">Messages of event types the agents do not handle.</param>
/// <param name="DeadLettered">Messages sent to the dead-letter topic.</param>
/// <param name="Duplicates">Redelivered events skipped.</param>
/// <param name="Retries">Processing attempts retried.</param>
/// <param name="AssignedPartitions">Partitions this instance consumes.</param>
/// <param name="Lag">Messages not yet consumed, by topic, when known.</param>
/// <param name="TrackedDevices">Devices whose last state is held in memory.</param>
/// <param name="Quality">The data quality agent, which consumes in a group of its own.</param>
/// <param name="Calibration">The calibration agent, which consumes processed readings in a group of its own.</param>
/// <param name="Sync">The sync monitor, which consumes readings in a group of its own.</param>
/// <param name="WatchedDevices">Devices watched for silence.</param>
public sealed record AgentsStatusResponse(
    string ConsumerGroup,
    string State,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastEventAt,
    IReadOnlyDictionary<string, long> Consumed,
    IReadOnlyDictionary<string, long> Produced,
    long Skipped,
    long DeadLettered,
    long Duplicates,
    long Retries,
    int AssignedPartitions,
    IReadOnlyDictionary<string, long>? Lag,
    int TrackedDevices,
    QualityAgentStatus Quality,
    CalibrationAgentStatus Calibration,
    SyncAgentStatus Sync,
    int WatchedDevices);
