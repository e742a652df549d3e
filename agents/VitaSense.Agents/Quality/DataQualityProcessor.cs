using System.Globalization;
using System.Text.Json;
using VitaSense.Agents.Ml;
using VitaSense.Agents.Model;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Quality;

/// <summary>
/// The data quality checks of one <see cref="ObservationsIngested"/> event, given its stream's state before it. Pure: no
/// I/O, no clock, and the given state is not changed (the evaluation carries the next one), so the same events in the
/// same order always give the same result. Stateless itself: one instance can serve any number of streams.
/// <list type="bullet">
/// <item>format: a reading without a finite value or any structured values is <c>invalid_format</c>;</item>
/// <item>order: a timestamp the stream already had is a <c>duplicate</c>; one before the latest is <c>out_of_order</c>;</item>
/// <item>range: outside the metric's physiological range (<see cref="MetricProfiles"/>) is <c>out_of_range</c>;</item>
/// <item>outliers: a robust score against the stream's recent values (<see cref="RobustOutlierScorer"/>), flagged at 1;</item>
/// <item>gaps: an interval above <c>GapFactor</c> median intervals is a <c>gap</c>; in a dense, regularly sampled stream a
/// gap of at most <c>MaxInterpolatedPoints</c> readings between two clean ones is filled linearly, each made-up reading
/// marked <c>interpolated</c>;</item>
/// <item>flatline: a run of identical clean readings lasting longer than the metric's <c>FlatlineAfter</c> (and at least
/// <c>FlatlineMinReadings</c> long, not across a gap) is a stuck sensor: one <c>flatline</c> issue per run, every
/// reading of the run past the limit flagged;</item>
/// <item>cross-device: a heart rate differing by more than the tolerance from another source's at the same minute.</item>
/// </list>
/// Flagged readings are kept, never dropped; impossible and repeated ones stay out of the statistics.
/// <para>With a <see cref="StreamScoring"/>: the outlier score is the larger of the robust score and the stream's PCA
/// window score (<see cref="PcaAnomalyModel.Score"/> on the reading and the clean values before it). The robust score
/// catches a single value far from the recent level; the PCA score catches a window whose shape is unusual for this
/// stream even when every value is in range. Taking the larger keeps both, and keeps the score in [0, 1] with the same
/// reading: the PCA score never reaches 1 (it is r²/(1+r²), 0.5 at the training windows' 1 % tail), so only the robust
/// score raises the <c>outlier</c> flag. A calibration factor multiplies every published value (interpolated ones
/// too), recorded as <c>calibration_factor</c> with the measured value kept in <c>values["raw"]</c>; the checks and
/// the stream's statistics use the raw values, so a new factor does not look like a level change.</para>
/// </summary>
public sealed class DataQualityProcessor
{
    // A stream is regularly sampled, safe to interpolate, when this share of its recent intervals is within
    // RegularIntervalTolerance of their median. (A MAD test is not enough: it is 0 when just over half are equal.)
    private const double RegularIntervalShare = 0.9;
    private const double RegularIntervalTolerance = 0.1;

    /// <summary>The key of <see cref="ProcessedObservationPoint.Values"/> holding the measured value before calibration.</summary>
    public const string RawValueKey = "raw";

    private readonly DataQualityOptions options;
    private readonly RobustOutlierScorer scorer;

    /// <summary>Creates the checks with their settings.</summary>
    public DataQualityProcessor(DataQualityOptions options)
    {
        this.options = options;
        scorer = new RobustOutlierScorer(options.OutlierThreshold, options.OutlierMinSamples);
    }

    /// <summary>A new stream's state, sized by the settings.</summary>
    public StreamQualityState NewState() => new(options.OutlierWindow, options.IntervalWindow, options.TimestampMemory);

    /// <summary>
    /// Checks <paramref name="batch"/> against <paramref name="previous"/> (null for a stream not seen before) and, for
    /// heart rate, the user's <paramref name="recentMinutes"/> from other sources (null when none are known).
    /// </summary>
    public QualityEvaluation Evaluate(ObservationsIngested batch, StreamQualityState? previous, UserRecentMinutes? recentMinutes, StreamScoring? scoring = null)
    {
        var profile = MetricProfiles.Find(batch.Metric, batch.Unit);
        // Only in the profile's unit: a heart rate in another unit cannot be compared in bpm.
        var crossDevice = profile is not null && string.Equals(batch.Metric, MetricProfiles.HeartRate, StringComparison.Ordinal);
        var state = previous?.Clone() ?? NewState();
        var points = new List<ProcessedObservationPoint>(batch.Observations.Count);
        var issues = new List<QualityIssue>();
        var minuteReadings = new List<MinuteReading>(crossDevice ? batch.Observations.Count : 0);
        var model = scoring?.Model;
        // The clean values before each reading, for the model's window: the state's, then this batch's.
        var recent = model is null ? null : state.Values.InOrder().TakeLast(model.WindowLength - 1).ToList();
        var window = model is null ? null : new double[model.WindowLength];

        foreach (var reading in batch.Observations)
        {
            var flags = new List<string>(2);
            var timestamp = reading.Timestamp;
            var ticks = timestamp.UtcTicks;
            var value = reading.Value is { } v && double.IsFinite(v) ? v : (double?)null;

            if (value is null && (reading.Values is null || reading.Values.Count == 0))
            {
                Flag(flags, issues, QualityFlags.InvalidFormat, QualityIssue.Warning, timestamp, null,
                    $"The {batch.Metric} reading at {Time(timestamp)} has no usable value.");
            }

            // A reading newer than the latest cannot have been seen: the search is only paid for late ones.
            var duplicate = state.LastTimestamp is { } newest && ticks <= newest.UtcTicks && state.Seen.Contains(ticks);
            var outOfOrder = !duplicate && state.LastTimestamp is { } latest && timestamp < latest;
            if (duplicate)
            {
                Flag(flags, issues, QualityFlags.Duplicate, QualityIssue.Info, timestamp, value,
                    $"The {batch.Metric} stream already has a reading at {Time(timestamp)}.");
            }
            else if (outOfOrder)
            {
                Flag(flags, issues, QualityFlags.OutOfOrder, QualityIssue.Info, timestamp, value,
                    $"The {batch.Metric} reading at {Time(timestamp)} arrived after one at {Time(state.LastTimestamp!.Value)}.");
            }

            var rangeDetail = OutOfRange(profile, value, reading.Values);
            var outOfRange = rangeDetail is not null;
            if (outOfRange)
            {
                Flag(flags, issues, QualityFlags.OutOfRange, QualityIssue.Warning, timestamp, value,
                    $"The {batch.Metric} reading at {Time(timestamp)} {rangeDetail}.");
            }

            // Impossible, repeated and unreadable values would poison the statistics; everything else feeds them.
            var clean = value is not null && !duplicate && !outOfRange;
            var outlierScore = 0.0;
            var outlier = false;
            if (clean)
            {
                outlierScore = scorer.Score(value!.Value, state.Values, profile?.MinSpread ?? 0);
                if (model is not null && recent!.Count >= window!.Length - 1)
                {
                    recent.CopyTo(recent.Count - (window.Length - 1), window, 0, window.Length - 1);
                    window[^1] = value.Value;
                    outlierScore = Math.Max(outlierScore, model.Score(window));
                }
                if (outlierScore >= 1 && profile?.FlagsOutliers == true)
                {
                    outlier = true;
                    Flag(flags, issues, QualityFlags.Outlier, QualityIssue.Info, timestamp, value,
                        $"The {batch.Metric} reading at {Time(timestamp)} ({Number(value.Value)}) is far from the stream's recent values.");
                }
            }

            var inOrder = !duplicate && !outOfOrder;
            var afterGap = false;
            if (inOrder && state.LastTimestamp is { } previousTimestamp)
            {
                var interval = (timestamp - previousTimestamp).TotalSeconds;
                afterGap = DetectGap(batch, profile, state, points, issues, previousTimestamp, interval, reading, clean && !outlier ? value : null);
                state.Intervals.Add(interval);
            }

            if (inOrder && clean)
            {
                DetectFlatline(batch, profile, state, flags, issues, timestamp, value!.Value, afterGap);
            }

            if (crossDevice && clean && recentMinutes is not null)
            {
                var minute = ticks / TimeSpan.TicksPerMinute;
                foreach (var (otherSource, otherValue) in recentMinutes.Others(minute, batch.Source))
                {
                    if (Math.Abs(value!.Value - otherValue) > options.CrossDeviceHeartRateTolerance)
                    {
                        Flag(flags, issues, QualityFlags.CrossDeviceDisagreement, QualityIssue.Warning, timestamp, value,
                            $"Heart rate {Number(value.Value)} from {batch.Source} and {Number(otherValue)} from {otherSource} at {Time(timestamp)} differ by more than {Number(options.CrossDeviceHeartRateTolerance)}.");
                        break;
                    }
                }
            }
            if (crossDevice && clean)
            {
                minuteReadings.Add(new MinuteReading(ticks / TimeSpan.TicksPerMinute, batch.Source, value!.Value));
            }

            if (!duplicate)
            {
                state.Seen.Remember(ticks);
            }
            if (inOrder)
            {
                state.LastTimestamp = timestamp;
                state.LastValue = clean && !outlier ? value : null;
            }
            if (clean)
            {
                // Outliers too: a lasting change of level must become the new normal.
                state.Values.Add(value!.Value);
                recent?.Add(value.Value);
            }

            points.Add(new ProcessedObservationPoint
            {
                Timestamp = timestamp,
                UtcOffset = reading.UtcOffset,
                Value = value,
                Values = reading.Values,
                QualityScore = QualityScore.From(flags, outlierScore),
                OutlierScore = Math.Round(outlierScore, 4),
                Flags = flags,
            });
        }

        if (scoring?.CalibrationFactor is { } factor)
        {
            for (var i = 0; i < points.Count; i++)
            {
                points[i] = Calibrate(points[i], factor);
            }
        }
        return new QualityEvaluation(points, issues, state, minuteReadings);
    }

    // A run of identical values lasting longer than the metric can plausibly stay put: reported once, flagged throughout.
    // A gap ends the run: the same value on both sides of silence says nothing about the time in between.
    private void DetectFlatline(ObservationsIngested batch, MetricProfile? profile, StreamQualityState state, List<string> flags,
        List<QualityIssue> issues, DateTimeOffset timestamp, double value, bool afterGap)
    {
        var run = !afterGap && state.Run is { } current && current.Value.Equals(value)
            ? current with { Readings = current.Readings + 1 }
            : new ValueRun(value, timestamp, 1, Reported: false);
        if (profile?.FlatlineAfter is { } limit && run.Readings >= options.FlatlineMinReadings && timestamp - run.Start >= limit)
        {
            if (run.Reported)
            {
                flags.Add(QualityFlags.Flatline);
            }
            else
            {
                Flag(flags, issues, QualityFlags.Flatline, QualityIssue.Warning, timestamp, value,
                    $"The {batch.Metric} stream has read exactly {Number(value)} since {Time(run.Start)} ({run.Readings} readings over " +
                    $"{Number((timestamp - run.Start).TotalMinutes)} minutes): the sensor may be stuck.");
                run = run with { Reported = true };
            }
        }
        state.Run = run;
    }

    /// <summary>The point with its value multiplied by <paramref name="factor"/>, the factor recorded and the raw value kept.</summary>
    private static ProcessedObservationPoint Calibrate(ProcessedObservationPoint point, double factor)
    {
        if (point.Value is not { } raw)
        {
            return point;
        }
        var values = point.Values is null
            ? new Dictionary<string, JsonElement>(1, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(point.Values, StringComparer.Ordinal);
        values[RawValueKey] = JsonSerializer.SerializeToElement(raw);
        return point with { Value = raw * factor, Values = values, CalibrationFactor = factor };
    }

    /// <summary>Reports a gap before <paramref name="reading"/> (filling it when safe); true when there was one.</summary>
    private bool DetectGap(
        ObservationsIngested batch,
        MetricProfile? profile,
        StreamQualityState state,
        List<ProcessedObservationPoint> points,
        List<QualityIssue> issues,
        DateTimeOffset from,
        double interval,
        ObservationPoint reading,
        double? cleanValue)
    {
        if (state.Intervals.Count < options.GapMinIntervals)
        {
            return false;
        }
        var (median, _) = state.Intervals.MedianAndMad();
        if (median <= 0 || interval <= options.GapFactor * median)
        {
            return false;
        }

        var missing = (int)Math.Round(interval / median) - 1;
        var fill = profile?.Dense == true
            && state.Intervals.FractionWithin(median, RegularIntervalTolerance * median) >= RegularIntervalShare
            && missing <= options.MaxInterpolatedPoints
            && state.LastValue is not null
            && cleanValue is not null;
        var detail = $"About {missing} {batch.Metric} readings are missing between {Time(from)} and {Time(reading.Timestamp)} (usual interval {Number(median)} s)";
        issues.Add(new QualityIssue(QualityFlags.Gap, QualityIssue.Info, reading.Timestamp, null,
            fill ? detail + "; filled by linear interpolation." : detail + "."));
        if (!fill)
        {
            return true;
        }

        var start = state.LastValue!.Value;
        var end = cleanValue!.Value;
        for (var i = 1; i <= missing; i++)
        {
            var fraction = (double)i / (missing + 1);
            string[] flags = [QualityFlags.Interpolated];
            points.Add(new ProcessedObservationPoint
            {
                Timestamp = from + TimeSpan.FromSeconds(interval * fraction),
                UtcOffset = reading.UtcOffset,
                Value = Math.Round(start + (end - start) * fraction, 4),
                QualityScore = QualityScore.From(flags, 0),
                OutlierScore = 0,
                Flags = flags,
                Interpolated = true,
            });
        }
        return true;
    }

    private static string? OutOfRange(MetricProfile? profile, double? value, IReadOnlyDictionary<string, JsonElement>? values)
    {
        if (profile is null)
        {
            return null;
        }
        if (value is { } number && profile.Range is { } range && !range.Contains(number))
        {
            return $"({Number(number)}) is outside the possible range {Number(range.Min)} to {Number(range.Max)}";
        }
        if (profile.Components is null || values is null)
        {
            return null;
        }
        foreach (var (name, componentRange) in profile.Components)
        {
            if (values.TryGetValue(name, out var element) && element.ValueKind == JsonValueKind.Number
                && element.TryGetDouble(out var component) && !componentRange.Contains(component))
            {
                return $"has {name} {Number(component)}, outside the possible range {Number(componentRange.Min)} to {Number(componentRange.Max)}";
            }
        }
        return null;
    }

    private static void Flag(List<string> flags, List<QualityIssue> issues, string flag, string severity, DateTimeOffset timestamp, double? value, string detail)
    {
        flags.Add(flag);
        issues.Add(new QualityIssue(flag, severity, timestamp, value, detail));
    }

    private static string Time(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
