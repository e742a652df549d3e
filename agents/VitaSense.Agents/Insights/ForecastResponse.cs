using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Insights;

/// <summary>A forecast of the caller's daily series of a metric (serialised in snake_case).</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Horizon">Days forecast.</param>
/// <param name="Aggregation">How a day's readings make its value: <c>sum</c> or <c>mean</c>.</param>
/// <param name="Points">Days 1..horizon after the last day with data, each with its 80 % prediction interval.</param>
/// <param name="Mase">The model's MASE on a holdout of the same series; below 1 beats the baseline's in-sample error.</param>
/// <param name="BaselineMase">The baseline's MASE on the same holdout.</param>
/// <param name="Baseline">The baseline the MASE is scaled by: <c>seasonal_naive_7</c>.</param>
/// <param name="HistoryDays">Days of history the forecast was made from (gaps filled).</param>
public sealed record ForecastResponse(
    string Metric,
    int Horizon,
    string Aggregation,
    IReadOnlyList<ForecastPoint> Points,
    double? Mase,
    double? BaselineMase,
    string Baseline,
    int HistoryDays);
