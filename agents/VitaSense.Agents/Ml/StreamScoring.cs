namespace VitaSense.Agents.Ml;

/// <summary>
/// What the data quality checks of one event may use beyond the stream's state, looked up by the caller beforehand so
/// the checks stay pure: the stream's PCA window model and the calibration factor to apply to its values.
/// </summary>
/// <param name="Model">The stream's current model; null before its first training.</param>
/// <param name="CalibrationFactor">Multiply the stream's values by it; null when the device has no trusted factor.</param>
public sealed record StreamScoring(PcaAnomalyModel? Model, double? CalibrationFactor);
