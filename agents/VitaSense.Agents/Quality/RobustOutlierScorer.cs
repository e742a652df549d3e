namespace VitaSense.Agents.Quality;

/// <summary>
/// A robust outlier score in [0, 1]: <c>|x - median| / (k · σ)</c>, clamped, where σ is the window's MAD scaled to a
/// normal standard deviation (× 1.4826), floored at the metric's smallest meaningful spread and at a fraction of the
/// median, so a constant stretch (MAD 0) does not turn every small change into an outlier. A score of 1 means at
/// least <c>k</c> robust standard deviations away. Windows with fewer than <c>minSamples</c> values score 0.
/// </summary>
/// <param name="k">How many robust standard deviations make a score of 1.</param>
/// <param name="minSamples">The fewest values a window needs before it scores.</param>
public sealed class RobustOutlierScorer(double k = 5, int minSamples = 10)
{
    /// <summary>MAD × this estimates the standard deviation of normally distributed values.</summary>
    public const double MadToSigma = 1.4826;

    // Spreads below this share of the median are measurement resolution, not signal.
    private const double RelativeFloor = 0.02;
    private const double AbsoluteFloor = 1e-6;

    /// <summary>The fewest values a window needs before it scores.</summary>
    public int MinSamples => minSamples;

    /// <summary>The score of <paramref name="value"/> against a window's <paramref name="median"/> and <paramref name="mad"/>.</summary>
    public double Score(double value, double median, double mad, double minSpread)
    {
        var sigma = Math.Max(MadToSigma * mad, Math.Max(Math.Max(minSpread, RelativeFloor * Math.Abs(median)), AbsoluteFloor));
        var score = Math.Abs(value - median) / (k * sigma);
        return double.IsFinite(score) ? Math.Clamp(score, 0, 1) : 1;
    }

    /// <summary>The score of <paramref name="value"/> against <paramref name="window"/> (which it is not part of yet).</summary>
    public double Score(double value, RollingWindow window, double minSpread)
    {
        if (window.Count < minSamples)
        {
            return 0;
        }
        var (median, mad) = window.MedianAndMad();
        return Score(value, median, mad, minSpread);
    }
}
