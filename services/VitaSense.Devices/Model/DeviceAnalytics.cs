using System.Text.Json.Serialization;

namespace VitaSense.Devices.Model;

/// <summary>How the caller's registered devices were used over the last <see cref="PeriodDays"/> days.</summary>
/// <param name="PeriodDays">Days covered, today (UTC) included.</param>
/// <param name="From">First day covered.</param>
/// <param name="TotalDevices">Registered devices.</param>
/// <param name="StatusCounts">Devices per health status now (online, offline, unknown).</param>
/// <param name="Devices">Per device, oldest registration first.</param>
public sealed record DeviceUsageReport(
    [property: JsonPropertyName("period_days")] int PeriodDays,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("total_devices")] int TotalDevices,
    [property: JsonPropertyName("status_counts")] IReadOnlyDictionary<string, int> StatusCounts,
    [property: JsonPropertyName("devices")] IReadOnlyList<DeviceUsage> Devices);

/// <summary>One device's usage.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="DeviceName">Its name.</param>
/// <param name="DeviceType">Its type.</param>
/// <param name="Status">Health status now.</param>
/// <param name="LastSeen">When data or a status last arrived.</param>
/// <param name="DaysWithData">Days of the period on which readings or a status arrived.</param>
/// <param name="ActiveRatio"><paramref name="DaysWithData"/> over the period's days.</param>
/// <param name="Observations">Readings received in the period.</param>
/// <param name="StatusReports">Status reports received in the period.</param>
public sealed record DeviceUsage(
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("device_name")] string DeviceName,
    [property: JsonPropertyName("device_type")] string DeviceType,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_seen")] DateTimeOffset? LastSeen,
    [property: JsonPropertyName("days_with_data")] int DaysWithData,
    [property: JsonPropertyName("active_ratio")] double ActiveRatio,
    [property: JsonPropertyName("observations")] long Observations,
    [property: JsonPropertyName("status_reports")] long StatusReports);

/// <summary>Data quality issues the agents reported on the caller's devices over the last <see cref="PeriodDays"/> days.</summary>
/// <param name="PeriodDays">Days covered, today (UTC) included.</param>
/// <param name="From">First day covered.</param>
/// <param name="TotalIssues">Issues on every device.</param>
/// <param name="IssuesByType">Issues per type on every device.</param>
/// <param name="Devices">Per device, oldest registration first.</param>
public sealed record DataQualityReport(
    [property: JsonPropertyName("period_days")] int PeriodDays,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("total_issues")] long TotalIssues,
    [property: JsonPropertyName("issues_by_type")] IReadOnlyDictionary<string, long> IssuesByType,
    [property: JsonPropertyName("devices")] IReadOnlyList<DeviceDataQuality> Devices);

/// <summary>One device's data quality.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="DeviceName">Its name.</param>
/// <param name="Observations">Readings received in the period.</param>
/// <param name="TotalIssues">Issues in the period.</param>
/// <param name="IssuesByType">Issues per type (<c>out_of_range</c>, <c>outlier</c>, <c>gap</c>...).</param>
/// <param name="IssuesBySeverity">Issues per severity.</param>
/// <param name="QualityScore">1 minus issues per reading (at least 0); null without readings.</param>
public sealed record DeviceDataQuality(
    [property: JsonPropertyName("device_id")] Guid DeviceId,
    [property: JsonPropertyName("device_name")] string DeviceName,
    [property: JsonPropertyName("observations")] long Observations,
    [property: JsonPropertyName("total_issues")] long TotalIssues,
    [property: JsonPropertyName("issues_by_type")] IReadOnlyDictionary<string, long> IssuesByType,
    [property: JsonPropertyName("issues_by_severity")] IReadOnlyDictionary<string, long> IssuesBySeverity,
    [property: JsonPropertyName("quality_score")] double? QualityScore);
