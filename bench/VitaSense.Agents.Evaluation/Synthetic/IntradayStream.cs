namespace VitaSense.Agents.Evaluation.Synthetic;

/// <summary>A synthetic 5-minute stream and the faults injected into it.</summary>
public sealed record IntradayStream(IntradayMetric Metric, double[] Values, IReadOnlyList<InjectedAnomaly> Anomalies);
