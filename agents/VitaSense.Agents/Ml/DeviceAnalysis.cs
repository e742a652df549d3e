namespace VitaSense.Agents.Ml;

/// <summary>The answer of <c>POST /agents/analyze/{device_id}</c> (serialised in snake_case).</summary>
/// <param name="DeviceId">The device asked for (a device id or a source name).</param>
/// <param name="Metrics">One analysis per stream of the device, by metric.</param>
public sealed record DeviceAnalysis(string DeviceId, IReadOnlyList<MetricAnalysis> Metrics)
{
    /// <summary>
    /// A value is an anomaly when the streaming detector scores it above 0.5 (its likelihood's "as usual", which it also
    /// answers throughout its learning period) or the PCA model scores its window at 0.9 or more (three times as
    /// unusual as the training windows' 1 % tail): the model's 0.5 alone would mark one window in a hundred.
    /// </summary>
    public const double DetectorThreshold = 0.5;

    /// <summary>The PCA window score from which a value is an anomaly; see <see cref="DetectorThreshold"/>.</summary>
    public const double ModelThreshold = 0.9;

    /// <summary>Runs a fresh <see cref="StreamingAnomalyDetector"/> and the stream's model over each history, in order.</summary>
    public static DeviceAnalysis Analyse(string deviceId, IReadOnlyList<StreamHistory> histories)
    {
        var metrics = new List<MetricAnalysis>(histories.Count);
        foreach (var history in histories.OrderBy(h => h.Metric, StringComparer.Ordinal).ThenBy(h => h.Source, StringComparer.Ordinal))
        {
            var detector = new StreamingAnomalyDetector();
            var model = history.Model;
            var window = model is null ? null : new double[model.WindowLength];
            var anomalies = new List<DateTimeOffset>();
            var max = 0.0;
            for (var i = 0; i < history.Values.Count; i++)
            {
                var detected = detector.Next(history.Values[i]);
                var modelled = 0.0;
                if (model is not null && i + 1 >= window!.Length)
                {
                    for (var k = 0; k < window.Length; k++)
                    {
                        window[k] = history.Values[i + 1 - window.Length + k];
                    }
                    modelled = model.Score(window);
                }
                max = Math.Max(max, Math.Max(detected, modelled));
                if (detected > DetectorThreshold || modelled >= ModelThreshold)
                {
                    anomalies.Add(history.Timestamps[i]);
                }
            }
            metrics.Add(new MetricAnalysis(history.Metric, history.Source, history.Values.Count, Math.Round(max, 4), anomalies, model?.Version));
        }
        return new DeviceAnalysis(deviceId, metrics);
    }
}
