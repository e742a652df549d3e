using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Quality;

/// <summary>The outcome of the data quality checks on one event, and what to remember once it is published.</summary>
/// <param name="Points">The processed readings, interpolated ones included.</param>
/// <param name="Issues">Problems to publish, possibly none.</param>
/// <param name="State">The stream's state after the event.</param>
/// <param name="MinuteReadings">Heart rate readings to remember for the cross-device check.</param>
public sealed record QualityEvaluation(
    IReadOnlyList<ProcessedObservationPoint> Points,
    IReadOnlyList<QualityIssue> Issues,
    StreamQualityState State,
    IReadOnlyList<MinuteReading> MinuteReadings);
