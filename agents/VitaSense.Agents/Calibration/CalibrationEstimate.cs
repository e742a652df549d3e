namespace VitaSense.Agents.Calibration;

/// <summary>A device's calibration for one metric after a batch of readings.</summary>
/// <param name="Source">The device's source.</param>
/// <param name="DeviceId">The registered device, when known.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Factor">Multiply the device's values by it to match the reference (1 for the reference itself).</param>
/// <param name="PreviousFactor">The factor announced before, when one was.</param>
/// <param name="ReferenceSource">The source compared with.</param>
/// <param name="Pairs">Pairs the factor is the median of.</param>
/// <param name="Confidence">From 0 to 1.</param>
/// <param name="Status">One of <see cref="CalibrationStatus"/>.</param>
/// <param name="Announce">Whether the change is worth a <c>CalibrationChanged</c> event.</param>
public sealed record CalibrationEstimate(
    string Source,
    string? DeviceId,
    string Metric,
    double Factor,
    double? PreviousFactor,
    string ReferenceSource,
    int Pairs,
    double Confidence,
    string Status,
    bool Announce);
