namespace VitaSense.Agents.Ml;

/// <summary>One stream of a device as analysed by <c>POST /agents/analyze/{device_id}</c> (serialised in snake_case).</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Source">The source of the readings.</param>
/// <param name="PointsAnalysed">Recent clean values scored, oldest first.</param>
/// <param name="MaxScore">The highest score, from 0 to 1: the larger of the streaming detector's and the model's.</param>
/// <param name="Anomalies">When the values scored as anomalies, oldest first.</param>
/// <param name="ModelVersion">The stream's PCA model (<see cref="PcaAnomalyModel.Version"/>); null before its first training.</param>
public sealed record MetricAnalysis(
    string Metric,
    string Source,
    int PointsAnalysed,
    double MaxScore,
    IReadOnlyList<DateTimeOffset> Anomalies,
    string? ModelVersion);
