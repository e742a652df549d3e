namespace VitaSense.Agents.Calibration;

/// <summary>A device's saved calibration for one metric (serialised in snake_case).</summary>
/// <param name="Source">The source the readings come from.</param>
/// <param name="DeviceId">The registered device, when known.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Factor">Multiply the device's values by it to match the reference.</param>
/// <param name="Confidence">From 0 to 1.</param>
/// <param name="Pairs">Pairs the factor was learned from.</param>
/// <param name="Status"><c>uncalibrated</c>, <c>calibrated</c>, <c>drifting</c> or <c>reference</c>.</param>
/// <param name="Recommendation"><c>recalibrate</c> when drifting, <c>none</c> otherwise.</param>
/// <param name="ReferenceSource">The source compared with.</param>
/// <param name="UpdatedAt">The time of the readings last applied.</param>
public sealed record CalibrationFactor(
    string Source,
    string? DeviceId,
    string Metric,
    double Factor,
    double Confidence,
    int Pairs,
    string Status,
    string Recommendation,
    string ReferenceSource,
    DateTimeOffset UpdatedAt);
