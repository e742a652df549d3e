namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>A heart-rate sample from the device stream, ready for <see cref="HeartRateStore.InsertDeviceAsync"/>.</summary>
/// <param name="Id">New row id.</param>
/// <param name="Timestamp">When it was measured.</param>
/// <param name="UtcOffset">The reading's own offset, minutes.</param>
/// <param name="Bpm">Beats per minute.</param>
/// <param name="QualityScore">The agents' quality score.</param>
/// <param name="SourceRef">Stable id of the reading, so a replay inserts nothing.</param>
public sealed record DeviceHeartRate(Guid Id, DateTimeOffset Timestamp, short UtcOffset, double Bpm, double QualityScore, string SourceRef);
