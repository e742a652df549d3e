namespace VitaSense.Agents.Quality;

/// <summary>
/// The flags the data quality checks put on processed readings; each is also the <c>issue_type</c> of the quality
/// issue it raises, except <see cref="Interpolated"/> (the gap is the issue) and <see cref="Gap"/> (an issue only).
/// </summary>
public static class QualityFlags
{
    /// <summary>Outside the physiologically possible range of the metric.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>Far from the stream's recent values (robust score at or above 1).</summary>
    public const string Outlier = "outlier";

    /// <summary>The stream already had a reading at this timestamp.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Earlier than a reading the stream already had.</summary>
    public const string OutOfOrder = "out_of_order";

    /// <summary>Made up by linear interpolation to fill a short gap; never a measurement.</summary>
    public const string Interpolated = "interpolated";

    /// <summary>Another device of the same user measured something very different at the same minute.</summary>
    public const string CrossDeviceDisagreement = "cross_device_disagreement";

    /// <summary>The reading has no usable value (neither a finite <c>value</c> nor <c>values</c>).</summary>
    public const string InvalidFormat = "invalid_format";

    /// <summary>
    /// Part of a run of identical readings longer than the metric plausibly stays put (a stuck sensor); the issue is
    /// raised once per run, every reading of the run past the limit is flagged.
    /// </summary>
    public const string Flatline = "flatline";

    /// <summary>Issue type only: readings are missing between two consecutive ones.</summary>
    public const string Gap = "gap";
}
