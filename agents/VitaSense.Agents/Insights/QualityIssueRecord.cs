namespace VitaSense.Agents.Insights;

/// <summary>A recorded data quality issue (serialised in snake_case).</summary>
/// <param name="IssueId">The issue's id.</param>
/// <param name="DeviceId">The registered device, when known.</param>
/// <param name="Source">Where the readings come from.</param>
/// <param name="Metric">The metric.</param>
/// <param name="IssueType">For example <c>out_of_range</c> or <c>gap</c>.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Timestamp">When the reading concerned was measured.</param>
/// <param name="Value">The reading's value, when it has one.</param>
/// <param name="Detail">A sentence a person can read.</param>
public sealed record QualityIssueRecord(
    string IssueId,
    string? DeviceId,
    string Source,
    string Metric,
    string IssueType,
    string Severity,
    DateTimeOffset Timestamp,
    double? Value,
    string Detail);
