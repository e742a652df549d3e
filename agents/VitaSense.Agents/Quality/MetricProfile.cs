namespace VitaSense.Agents.Quality;

/// <summary>What the data quality checks know about one metric.</summary>
/// <param name="Unit">The canonical unit ingestion converts the metric to; the ranges are in it.</param>
/// <param name="Range">Physiologically possible values of <c>value</c>, in the metric's canonical unit; null when only structured values are checked.</param>
/// <param name="MinSpread">
/// The smallest spread (in the metric's unit) the outlier score divides by: a stretch of identical readings has a MAD of
/// zero, and a change of one unit after it is not an outlier.
/// </param>
/// <param name="Dense">A regularly sampled signal (heart rate) where a short gap may be filled by linear interpolation.</param>
/// <param name="FlagsOutliers">
/// Whether a high outlier score flags the reading. False for metrics whose values legitimately jump (step counts,
/// sleep hours): they get a score but no flag.
/// </param>
/// <param name="Components">Possible ranges of structured values by name, such as blood pressure's <c>systolic</c>.</param>
/// <param name="FlatlineAfter">
/// How long a living signal of this metric can plausibly read exactly the same value: a longer run of identical
/// readings is a stuck sensor (<c>flatline</c>). Null for metrics that legitimately stay put (weight, sleep hours).
/// </param>
public sealed record MetricProfile(
    string Unit,
    ValueRange? Range,
    double MinSpread,
    bool Dense = false,
    bool FlagsOutliers = true,
    IReadOnlyDictionary<string, ValueRange>? Components = null,
    TimeSpan? FlatlineAfter = null);
