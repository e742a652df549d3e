namespace VitaSense.Tracking.Infrastructure.Records;

/// <summary>A metric reading from the device stream, ready for <see cref="MetricStore.InsertDeviceAsync"/>.</summary>
/// <param name="Id">New row id.</param>
/// <param name="MetricType">Canonical metric name.</param>
/// <param name="Timestamp">When it was measured.</param>
/// <param name="UtcOffset">The reading's own offset, minutes.</param>
/// <param name="Value">Value in the canonical unit, if scalar.</param>
/// <param name="Unit">Canonical unit.</param>
/// <param name="ValuesJson">Structured values as a JSON object.</param>
/// <param name="QualityScore">The agents' quality score.</param>
/// <param name="SourceRef">Stable id of the reading, so a replay inserts nothing.</param>
public sealed record DeviceMetric(Guid Id, string MetricType, DateTimeOffset Timestamp, short UtcOffset, double? Value, string? Unit, string ValuesJson, double QualityScore, string SourceRef);
