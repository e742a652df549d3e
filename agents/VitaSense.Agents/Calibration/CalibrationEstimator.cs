using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Calibration;

/// <summary>
/// Learns per device and metric a correction factor against a reference device of the same user. Pure: no I/O, no clock.
/// <para>Readings of the device and the reference at the same minute make a pair, or failing that within a minute of
/// each other once the reference has moved past that minute; the factor is the median of reference /
/// device over the last <see cref="CalibrationOptions.PairWindow"/> pairs, robust to the odd reading that disagrees.
/// Flagged readings (out of range, outliers, duplicates, interpolated) never pair. Confidence grows with the pairs and
/// falls with their spread (MAD / median). A device is uncalibrated below <see cref="CalibrationOptions.MinPairs"/>
/// pairs or <see cref="CalibrationOptions.MinConfidence"/>, drifting when the factor is off 1 by more than
/// <see cref="CalibrationOptions.DriftThreshold"/>, calibrated otherwise.</para>
/// </summary>
public sealed class CalibrationEstimator(CalibrationOptions options)
{
    /// <summary>An empty state for a user and metric.</summary>
    public UserMetricCalibration NewState() => new();

    /// <summary>
    /// A state resumed from saved factors: the same reference as before a restart, and each device's last status and
    /// factor as already announced, so a restart neither swaps the reference nor repeats announcements. The pairs
    /// themselves are not saved: until enough are learned again, the saved factor and status stand.
    /// </summary>
    public UserMetricCalibration Restore(IEnumerable<CalibrationFactor> saved)
    {
        var state = NewState();
        foreach (var factor in saved.Take(options.MaxSourcesPerUserMetric))
        {
            var source = new SourceCalibration(options.MinutesPerSource, options.PairWindow) { DeviceId = factor.DeviceId };
            state.Sources[factor.Source] = source;
            if (factor.Status == CalibrationStatus.Reference)
            {
                state.Reference = factor.Source;
            }
            else if (factor.Status != CalibrationStatus.Uncalibrated)
            {
                source.MarkAnnounced(factor.Factor, factor.Status, factor.Confidence);
            }
        }
        return state;
    }

    /// <summary>
    /// Adds <paramref name="batch"/>'s readings to <paramref name="state"/> and returns the estimate of every source of the
    /// user and metric whose pairs changed, plus the batch's own source and any source with a change still to announce.
    /// Announcing is the caller's: it calls <see cref="SourceCalibration.MarkAnnounced"/> once the event is out, so a
    /// retried batch (whose readings are then duplicates) still reports the change.
    /// </summary>
    public IReadOnlyList<CalibrationEstimate> Observe(ObservationsProcessed batch, UserMetricCalibration state)
    {
        if (!state.Sources.TryGetValue(batch.Source, out var own))
        {
            if (state.Sources.Count >= options.MaxSourcesPerUserMetric)
            {
                return [];
            }
            own = new SourceCalibration(options.MinutesPerSource, options.PairWindow);
            state.Sources[batch.Source] = own;
        }
        own.DeviceId ??= batch.DeviceId;
        state.Reference ??= batch.Source;
        var isReference = batch.Source == state.Reference;
        var reference = state.Sources[state.Reference];

        foreach (var point in batch.Points)
        {
            if (point.Value is not { } published || !double.IsFinite(published) || point.Interpolated || point.Flags.Count > 0)
            {
                continue;
            }
            // Factors are learned from what the device measured: a published value may already carry a factor, and
            // learning from it would pull the factor back towards 1 and make it swing.
            var value = point.CalibrationFactor is { } factor and not 0 ? published / factor : published;
            if (value <= 0)
            {
                continue;
            }
            var minute = point.Timestamp.UtcTicks / TimeSpan.TicksPerMinute;
            if (!own.Record(minute, value) || isReference)
            {
                continue;
            }
            // Same minute: a pair at once, whichever side arrives second.
            if (reference.TryGet(minute, out var referenceValue) && own.TryTakeUnpaired(minute, out _))
            {
                own.Ratios.Add(referenceValue / value);
            }
        }

        foreach (var (name, other) in state.Sources)
        {
            if (name == state.Reference)
            {
                continue;
            }
            if (isReference)
            {
                foreach (var point in batch.Points)
                {
                    var minute = point.Timestamp.UtcTicks / TimeSpan.TicksPerMinute;
                    if (reference.TryGet(minute, out var referenceValue) && other.TryTakeUnpaired(minute, out var deviceValue))
                    {
                        other.Ratios.Add(referenceValue / deviceValue);
                    }
                }
            }
            // Within a minute: only for minutes the reference has moved past, so an exact match is never pre-empted.
            other.PairWithNeighbours(reference);
        }

        var estimates = new List<CalibrationEstimate>(state.Sources.Count);
        foreach (var (name, source) in state.Sources)
        {
            if (name == state.Reference)
            {
                if (isReference)
                {
                    estimates.Add(new CalibrationEstimate(name, source.DeviceId, batch.Metric, 1, null, name, 0, 1, CalibrationStatus.Reference, false));
                }
                continue;
            }
            var estimate = Estimate(name, source, batch.Metric, state.Reference);
            // Sources the batch did not touch are reported only when they have something to announce.
            if (isReference || name == batch.Source || estimate.Announce)
            {
                estimates.Add(estimate);
            }
        }
        return estimates;
    }

    /// <summary>The estimate of one source from its current pairs.</summary>
    public CalibrationEstimate Estimate(string name, SourceCalibration source, string metric, string reference)
    {
        var pairs = source.Ratios.Count;
        if (pairs < options.MinPairs && source.AnnouncedFactor is { } known)
        {
            // Resumed after a restart with its pairs yet to be learned again: what was established still holds.
            return new CalibrationEstimate(name, source.DeviceId, metric, known, known, reference, pairs, source.AnnouncedConfidence, source.AnnouncedStatus, false);
        }
        var (median, mad) = source.Ratios.MedianAndMad();
        var size = Math.Min(1.0, pairs / (2.0 * options.MinPairs));
        var spread = Math.Max(0, 1 - mad / median / options.MaxRelativeSpread);
        var confidence = Math.Round(size * spread, 3);
        var factor = Math.Round(median, 4);
        var status = pairs < options.MinPairs || confidence < options.MinConfidence ? CalibrationStatus.Uncalibrated
            : Math.Abs(factor - 1) > options.DriftThreshold ? CalibrationStatus.Drifting
            : CalibrationStatus.Calibrated;
        var announce = status != CalibrationStatus.Uncalibrated
            && (status != source.AnnouncedStatus || source.AnnouncedFactor is not { } announced || Math.Abs(factor - announced) > options.ChangeThreshold);
        return new CalibrationEstimate(name, source.DeviceId, metric, factor, source.AnnouncedFactor, reference, pairs, confidence, status, announce);
    }
}
