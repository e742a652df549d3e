using Microsoft.Extensions.Options;
using VitaSense.Agents.Calibration;
using VitaSense.Agents.Infrastructure;
using VitaSense.Agents.Model;

namespace VitaSense.Agents.Agents;

/// <summary>
/// Reads the factors the calibration agent saved (<see cref="CalibrationStore"/>) and keeps each user's metric in
/// memory, so the stream pays one query per user and metric, not per event. Only a user's metric not in memory waits
/// for its read; one read longer ago than <c>Agents:Quality:CalibrationRefresh</c> is answered from memory at once and
/// read again in the background (one read at a time per user and metric), so a refresh never holds up the stream and a
/// new factor applies from the first event after its read.
/// A factor is trusted when its status is <c>calibrated</c> or <c>drifting</c> and its confidence reaches
/// <c>Agents:Calibration:MinConfidence</c>. Best effort: a database outage applies no factor to a user's metric read for
/// the first time, keeps the known factors of the others, and is retried after the refresh period rather than stopping
/// the stream. Thread-safe.
/// </summary>
public sealed class CalibrationFactorLookup(IOptions<AgentsOptions> options, CalibrationStore store, TimeProvider timeProvider, ILogger<CalibrationFactorLookup> logger)
    : ICalibrationFactorLookup
{
    private readonly Lock gate = new();
    private readonly LruCache<(string UserId, string Metric), Entry> cache = new(options.Value.Calibration.UserMetricCapacity);

    /// <inheritdoc />
    public async ValueTask<double?> GetFactorAsync(string userId, string source, string metric, CancellationToken cancellationToken)
    {
        var key = (userId, metric);
        var now = timeProvider.GetUtcNow();
        Entry? entry;
        var refresh = false;
        lock (gate)
        {
            if (cache.TryGet(key, out entry) && !entry.Refreshing && now - entry.ReadAt >= options.Value.Quality.CalibrationRefresh)
            {
                entry.Refreshing = true;
                refresh = true;
            }
        }

        if (entry is null)
        {
            entry = await ReadAsync(key, now, null, cancellationToken);
        }
        else if (refresh)
        {
            // Not awaited: the stream goes on with the factors it has; the next events see the new ones.
            _ = ReadAsync(key, now, entry, CancellationToken.None);
        }
        return Trusted(entry.Factors, source);
    }

    private async Task<Entry> ReadAsync((string UserId, string Metric) key, DateTimeOffset now, Entry? known, CancellationToken cancellationToken)
    {
        IReadOnlyList<CalibrationFactor> factors;
        try
        {
            factors = await store.LoadAsync(key.UserId, key.Metric, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not read the calibration factors of {Metric}; {Fallback} until the next refresh", key.Metric,
                known is null ? "values are published uncalibrated" : "the known factors stay");
            factors = known?.Factors ?? [];
        }

        var entry = new Entry(now, factors);
        lock (gate)
        {
            cache.Set(key, entry);
        }
        return entry;
    }

    private double? Trusted(IReadOnlyList<CalibrationFactor> factors, string source)
    {
        var minConfidence = options.Value.Calibration.MinConfidence;
        foreach (var factor in factors)
        {
            if (factor.Source == source && factor.Status is CalibrationStatus.Calibrated or CalibrationStatus.Drifting
                && factor.Confidence >= minConfidence && double.IsFinite(factor.Factor) && factor.Factor > 0)
            {
                return factor.Factor;
            }
        }
        return null;
    }

    // Refreshing is guarded by the lookup's lock; the rest never changes.
    private sealed class Entry(DateTimeOffset readAt, IReadOnlyList<CalibrationFactor> factors)
    {
        public DateTimeOffset ReadAt { get; } = readAt;

        public IReadOnlyList<CalibrationFactor> Factors { get; } = factors;

        public bool Refreshing { get; set; }
    }
}
