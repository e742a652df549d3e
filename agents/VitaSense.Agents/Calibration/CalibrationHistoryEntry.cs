namespace VitaSense.Agents.Calibration;

/// <summary>One announced calibration change (serialised in snake_case).</summary>
/// <param name="EventId">The id of the <c>CalibrationChanged</c> event.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Factor">The new factor.</param>
/// <param name="PreviousFactor">The factor announced before, when one was.</param>
/// <param name="Confidence">From 0 to 1.</param>
/// <param name="Pairs">Pairs the factor was learned from.</param>
/// <param name="Status">The new status.</param>
/// <param name="Recommendation"><c>recalibrate</c> or <c>none</c>.</param>
/// <param name="ReferenceSource">The source compared with.</param>
/// <param name="OccurredAt">The time of the readings that caused it.</param>
public sealed record CalibrationHistoryEntry(
    Guid EventId,
    string Metric,
    double Factor,
    double? PreviousFactor,
    double Confidence,
    int Pairs,
    string Status,
    string Recommendation,
    string ReferenceSource,
    DateTimeOffset OccurredAt);
