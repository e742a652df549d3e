using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>Correlations between pairs of the user's daily series over a range of local days.</summary>
/// <param name="StartDate">First day.</param>
/// <param name="EndDate">Last day.</param>
/// <param name="TimeZone">The time zone of the days.</param>
/// <param name="MinimumN">Pairs of days needed before coefficients are reported.</param>
/// <param name="Pairs">One entry per pair of series.</param>
public sealed record CorrelationReport(
    [property: JsonPropertyName("start_date")] DateOnly StartDate,
    [property: JsonPropertyName("end_date")] DateOnly EndDate,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("minimum_n")] int MinimumN,
    [property: JsonPropertyName("pairs")] IReadOnlyList<CorrelationPair> Pairs);

/// <summary>
/// One pair: x of day d against y of day d + <see cref="LagDays"/>, over the days both have a value. With fewer than
/// the minimum, <see cref="Status"/> is <c>insufficient</c> and no coefficient is given.
/// </summary>
/// <param name="X">The first series.</param>
/// <param name="Y">The second series.</param>
/// <param name="LagDays">Days y is taken after x.</param>
/// <param name="N">Aligned days.</param>
/// <param name="Status"><c>ok</c>, <c>insufficient</c> (n below the minimum) or <c>constant</c> (a series does not vary).</param>
/// <param name="Pearson">Pearson's r and its p-value.</param>
/// <param name="Spearman">Spearman's ρ and its p-value.</param>
/// <param name="Significant">Whether Pearson's or Spearman's p is below 0.05.</param>
public sealed record CorrelationPair(
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("lag_days")] int LagDays,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("pearson")] Coefficient? Pearson,
    [property: JsonPropertyName("spearman")] Coefficient? Spearman,
    [property: JsonPropertyName("significant")] bool Significant);

/// <summary>A correlation coefficient and its two-sided p-value.</summary>
/// <param name="R">The coefficient.</param>
/// <param name="PValue">The p-value.</param>
public sealed record Coefficient(
    [property: JsonPropertyName("r")] double R,
    [property: JsonPropertyName("p_value")] double PValue);
