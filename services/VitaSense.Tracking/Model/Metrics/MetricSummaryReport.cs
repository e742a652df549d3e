using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Metrics;

/// <summary>The answer of <c>GET /api/v1/metrics/summary</c>.</summary>
/// <param name="Start">Start of the period (inclusive).</param>
/// <param name="End">End of the period (exclusive).</param>
/// <param name="Summaries">One per metric type with readings in the period.</param>
public sealed record MetricSummaryReport(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End,
    [property: JsonPropertyName("summaries")] IReadOnlyList<MetricSummary> Summaries);
