namespace VitaSense.Agents.Calibration;

/// <summary>The calibration agent's part of <c>GET /agents/status</c>.</summary>
/// <param name="ConsumerGroup">Its Kafka consumer group.</param>
/// <param name="State">starting, running, stopped or faulted.</param>
/// <param name="LastEventAt">When the last message finished processing.</param>
/// <param name="Consumed">Messages consumed, by topic.</param>
/// <param name="Produced">Messages published, by topic.</param>
/// <param name="DeadLettered">Messages sent to its dead-letter topic.</param>
/// <param name="Duplicates">Redelivered events skipped.</param>
/// <param name="AssignedPartitions">Partitions this instance consumes.</param>
/// <param name="TrackedStreams">Users' metrics whose calibration state is held in memory.</param>
/// <param name="ChangesPublished">Calibration changes published.</param>
/// <param name="SaveFailures">Factors or history rows that could not be saved to the database.</param>
public sealed record CalibrationAgentStatus(
    string ConsumerGroup,
    string State,
    DateTimeOffset? LastEventAt,
    IReadOnlyDictionary<string, long> Consumed,
    IReadOnlyDictionary<string, long> Produced,
    long DeadLettered,
    long Duplicates,
    int AssignedPartitions,
    int TrackedStreams,
    long ChangesPublished,
    long SaveFailures);
