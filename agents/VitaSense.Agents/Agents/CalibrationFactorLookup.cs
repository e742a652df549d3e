using Microsoft.Extensions.Options;
using VitaSense.Agents.Calibration;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Model;

namespace VitaSense.Agents.Agents;

/// <summary>
/// Reads the factors the calibration agent saved (<see cref="CalibrationStore"/>) and keeps each user's metric for
/// <c>Agents:Quality:CalibrationRefresh</c>, so the stream pays one query per user and metric and period, not per event.
/// A factor is trusted when its status is <c>calibrated</c> or <c>drifting</c> and its confidence reaches
/// <c>Agents:Calibration:MinConfidence</c>. Best effort: a database outage applies no factor (and is retried after the
/// refresh period) rather than stopping the stream. Thread-safe.
/// </summary>
public sealed class CalibrationFactorLookup(IOptions<AgentsOptions> options, CalibrationStore store, TimeProvider timeProvider, ILogger<CalibrationFactorLookup> logger)
    : ICalibrationFactorLookup
{
    private readonly Lock gate = new();
    private readonly LruCache<(string UserId, string Metric), (DateTimeOffset ReadAt, IReadOnlyList<CalibrationFactor> Factors)> cache =
        new(options.Value.Calibration.UserMetricCapacity);

    /// <inheritdoc />
    public async ValueTask<double?> GetFactorAsync(string userId, string source, string metric, CancellationToken cancellationToken)
    {
        var key = (userId, metric);
        var now = timeProvider.GetUtcNow();
        (DateTimeOffset ReadAt, IReadOnlyList<CalibrationFactor> Factors) entry;
        bool known;
        lock (gate)
        {
            known = cache.TryGet(key, out entry);
        }
        if (!known || now - entry.ReadAt >= options.Value.Quality.CalibrationRefresh)
        {
            IReadOnlyList<CalibrationFactor> factors;
            try
            {
                factors = await store.LoadAsync(userId, metric, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not read the calibration factors of {Metric}; values are published uncalibrated for now", metric);
                factors = [];
            }
            entry = (now, factors);
            lock (gate)
            {
                cache.Set(key, entry);
            }
        }

        var minConfidence = options.Value.Calibration.MinConfidence;
        foreach (var factor in entry.Factors)
        {
            if (factor.Source == source && factor.Status is CalibrationStatus.Calibrated or CalibrationStatus.Drifting
                && factor.Confidence >= minConfidence && double.IsFinite(factor.Factor) && factor.Factor > 0)
            {
                return factor.Factor;
            }
        }
        return null;
    }
}
