namespace VitaSense.Agents.Ml;

/// <summary>A stream's recent clean values and current model, as copied out of <see cref="StreamModelRegistry"/>.</summary>
/// <param name="Source">The source of the readings.</param>
/// <param name="Metric">The metric.</param>
/// <param name="DeviceId">The device, when known.</param>
/// <param name="Timestamps">When each value was measured, oldest first.</param>
/// <param name="Values">The raw (uncalibrated) clean values, oldest first.</param>
/// <param name="Model">The stream's model, null before its first training.</param>
public sealed record StreamHistory(
    string Source,
    string Metric,
    string? DeviceId,
    IReadOnlyList<DateTimeOffset> Timestamps,
    IReadOnlyList<double> Values,
    PcaAnomalyModel? Model);
